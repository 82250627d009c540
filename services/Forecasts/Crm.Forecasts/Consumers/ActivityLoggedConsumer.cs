using Crm.Contracts.Opportunities;
using Crm.Forecasts.Data;

namespace Crm.Forecasts.Consumers;

/// <summary>A call, meeting, e-mail, letter or note that sales logged counts in the activity reports.</summary>
internal sealed class ActivityLoggedConsumer(ForecastsDbContext db) : ActivityConsumer<ActivityLogged>(db);
