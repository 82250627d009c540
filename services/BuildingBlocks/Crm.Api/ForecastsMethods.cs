using Crm.Grpc.Client;
using Crm.Forecasts.Grpc.V1;
using Google.Protobuf.Reflection;

namespace Crm.Api;

/// <summary>Typed handles on every RPC of <c>crm/forecasts/v1/forecasts.proto</c>, for callers (the gateway, tests, tools).</summary>
public static class ForecastsMethods
{
    private static readonly ServiceDescriptor Service = ForecastsReflection.Descriptor.Services[0];

    public static readonly GrpcMethod<GetPipelineRequest, Pipeline> GetPipeline = GrpcMethod.For<GetPipelineRequest, Pipeline>(Service, "GetPipeline");

    public static readonly GrpcMethod<GetForecastRequest, Forecast> GetForecast = GrpcMethod.For<GetForecastRequest, Forecast>(Service, "GetForecast");
}
