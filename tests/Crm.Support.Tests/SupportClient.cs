using Crm.Api;
using Crm.Grpc.Client;
using Crm.Grpc;
using Crm.Support.Grpc.V1;

namespace Crm.Support.Tests;

/// <summary>The support API through our gRPC client, as a Customer Service agent ("cs-maria") calls it.</summary>
internal sealed class SupportClient(GrpcChannel channel)
{
    public const string Agent = "cs-maria";

    public Task<Case> OpenCaseAsync(OpenCaseRequest request) => channel.UnaryAsync(SupportMethods.OpenCase, request, Options);

    public Task<Case> GetCaseAsync(string caseId) => channel.UnaryAsync(SupportMethods.GetCase, new GetCaseRequest { CaseId = caseId }, Options);

    public Task<Case> UpdateCaseStatusAsync(UpdateCaseStatusRequest request) => channel.UnaryAsync(SupportMethods.UpdateCaseStatus, request, Options);

    public Task<Interaction> LogInteractionAsync(LogInteractionRequest request) => channel.UnaryAsync(SupportMethods.LogInteraction, request, Options);

    public Task<Case> ResolveCaseAsync(ResolveCaseRequest request) => channel.UnaryAsync(SupportMethods.ResolveCase, request, Options);

    public Task<CustomerCases> GetCustomerCasesAsync(GetCustomerCasesRequest request) => channel.UnaryAsync(SupportMethods.GetCustomerCases, request, Options);

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
