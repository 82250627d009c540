using Crm.Grpc.Client;
using Crm.Support.Grpc.V1;
using Google.Protobuf.Reflection;

namespace Crm.Api;

/// <summary>Typed handles on every RPC of <c>crm/support/v1/support.proto</c>, for callers (the gateway, tests, tools).</summary>
public static class SupportMethods
{
    private static readonly ServiceDescriptor Service = SupportReflection.Descriptor.Services[0];

    public static readonly GrpcMethod<OpenCaseRequest, Case> OpenCase = GrpcMethod.For<OpenCaseRequest, Case>(Service, "OpenCase");

    public static readonly GrpcMethod<GetCaseRequest, Case> GetCase = GrpcMethod.For<GetCaseRequest, Case>(Service, "GetCase");

    public static readonly GrpcMethod<UpdateCaseStatusRequest, Case> UpdateCaseStatus = GrpcMethod.For<UpdateCaseStatusRequest, Case>(Service, "UpdateCaseStatus");

    public static readonly GrpcMethod<LogInteractionRequest, Interaction> LogInteraction = GrpcMethod.For<LogInteractionRequest, Interaction>(Service, "LogInteraction");

    public static readonly GrpcMethod<ResolveCaseRequest, Case> ResolveCase = GrpcMethod.For<ResolveCaseRequest, Case>(Service, "ResolveCase");

    public static readonly GrpcMethod<GetCustomerCasesRequest, CustomerCases> GetCustomerCases = GrpcMethod.For<GetCustomerCasesRequest, CustomerCases>(Service, "GetCustomerCases");
}
