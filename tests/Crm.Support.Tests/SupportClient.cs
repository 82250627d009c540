using Crm.Support.Grpc.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Crm.Testing;

namespace Crm.Support.Tests;

/// <summary>The support API through our gRPC client, as a Customer Service agent ("cs-maria") calls it.</summary>
internal sealed class SupportClient(GrpcChannel channel)
{
    private readonly SupportService.SupportServiceClient _api = new(channel);

    public const string Agent = "cs-maria";

    public Task<Case> OpenCaseAsync(OpenCaseRequest request) => _api.OpenCaseAsync(request, Options).ResponseAsync;

    public Task<Case> GetCaseAsync(string caseId) => _api.GetCaseAsync(new GetCaseRequest { CaseId = caseId }, Options).ResponseAsync;

    public Task<Case> UpdateCaseStatusAsync(UpdateCaseStatusRequest request) => _api.UpdateCaseStatusAsync(request, Options).ResponseAsync;

    public Task<Interaction> LogInteractionAsync(LogInteractionRequest request) => _api.LogInteractionAsync(request, Options).ResponseAsync;

    public Task<Case> ResolveCaseAsync(ResolveCaseRequest request) => _api.ResolveCaseAsync(request, Options).ResponseAsync;

    public Task<CustomerCases> GetCustomerCasesAsync(GetCustomerCasesRequest request) => _api.GetCustomerCasesAsync(request, Options).ResponseAsync;

    public Task<ListCasesResponse> ListCasesAsync(ListCasesRequest request) => _api.ListCasesAsync(request, Options).ResponseAsync;

    /// <summary>A priority-<paramref name="priority"/> problem of <paramref name="customerId"/>.</summary>
    public Task<Case> OpenProblemAsync(Guid customerId, int priority = 1) => OpenCaseAsync(new OpenCaseRequest
    {
        CustomerId = customerId.ToString(),
        Kind = CaseKind.Problem,
        Priority = priority,
        Subject = "Telemetry units stopped reporting",
        Description = "All three units at the Hamburg warehouse went silent at 06:00.",
    });

    private static CallOptions Options => TestCalls.As(Agent, TimeSpan.FromSeconds(10));
}
