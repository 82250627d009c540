using Crm.Contracts.Support;
using Crm.Forecasts.Data;

namespace Crm.Forecasts.Consumers;

/// <summary>A call, visit, e-mail, letter or chat that support logged on a case counts in the activity reports.</summary>
internal sealed class InteractionLoggedConsumer(ForecastsDbContext db) : ActivityConsumer<InteractionLogged>(db);
