using Crm.Forecasts.Data;
using Wire = Crm.Forecasts.Grpc.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Crm.Forecasts.Features;

/// <summary>
/// <c>crm.forecasts.v1.ForecastsService</c>, answered from the read model alone; one partial class per capability folder
/// (Pipeline, Forecast).
/// </summary>
internal sealed partial class ForecastsApi(ForecastsDbContext db, TimeProvider clock) : Wire.ForecastsService.ForecastsServiceBase
{
}
