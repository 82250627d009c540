using Crm.Grpc;
using Crm.Grpc.Client;
using Crm.Support.Grpc.V1;

namespace Crm.Support.Tests;

/// <summary>The support API through our gRPC client, as a Customer Service agent ("cs-maria") calls it.</summary>
internal sealed class SupportClient(GrpcChannel channel)
{
    public const string Agent = "cs-maria";
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = SupportReflection.Descriptor.Services[0];
    private static readonly GrpcMethod<OpenCaseRequest, Case> Open = GrpcMethod.For<OpenCaseRequest, Case>(Service, "OpenCase");
    private static readonly GrpcMethod<GetCaseRequest, Case> Get = GrpcMethod.For<GetCaseRequest, Case>(Service, "GetCase");
    private static readonly GrpcMethod<UpdateCaseStatusRequest, Case> Update = GrpcMethod.For<UpdateCaseStatusRequest, Case>(Service, "UpdateCaseStatus");
    private static readonly GrpcMethod<LogInteractionRequest, Interaction> Log = GrpcMethod.For<LogInteractionRequest, Interaction>(Service, "LogInteraction");
    private static readonly GrpcMethod<ResolveCaseRequest, Case> Resolve = GrpcMethod.For<ResolveCaseRequest, Case>(Service, "ResolveCase");
    private static readonly GrpcMethod<GetCustomerCasesRequest, CustomerCases> Customer = GrpcMethod.For<GetCustomerCasesRequest, CustomerCases>(Service, "GetCustomerCases");

    public Task<Case> OpenCaseAsync(OpenCaseRequest request) => channel.UnaryAsync(Open, request, Options);

    public Task<Case> GetCaseAsync(string caseId) => channel.UnaryAsync(Get, new GetCaseRequest { CaseId = caseId }, Options);

    public Task<Case> UpdateCaseStatusAsync(UpdateCaseStatusRequest request) => channel.UnaryAsync(Update, request, Options);

    public Task<Interaction> LogInteractionAsync(LogInteractionRequest request) => channel.UnaryAsync(Log, request, Options);

    public Task<Case> ResolveCaseAsync(ResolveCaseRequest request) => channel.UnaryAsync(Resolve, request, Options);

    public Task<CustomerCases> GetCustomerCasesAsync(GetCustomerCasesRequest request) => channel.UnaryAsync(Customer, request, Options);

    /// <summary>A priority-<paramref name="priority"/> problem of <paramref name="customerId"/>.</summary>
    public Task<Case> OpenProblemAsync(Guid customerId, int priority = 1) => OpenCaseAsync(new OpenCaseRequest
    {
        CustomerId = customerId.ToString(),
        Kind = CaseKind.Problem,
        Priority = priority,
        Subject = "Telemetry units stopped reporting",
        Description = "All three units at the Hamburg warehouse went silent at 06:00.",
    });

    private static CallOptions Options => new()
    {
        Timeout = TimeSpan.FromSeconds(10),
        CancellationToken = TestContext.Current.CancellationToken,
        Headers = new Metadata().Add("x-user-id", Agent),
    };
}
