using Crm.Api;
using Crm.Contracts.Forecasts;
using Crm.Forecasts.Domain.Quotas;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Features;

/// <summary>Quotas and their scopes as the API shows them.</summary>
internal static class QuotaWire
{
    public static Wire.Quota ToWire(this Quota quota) => new()
    {
        QuotaId = quota.QuotaId.ToString(),
        Scope = quota.Scope switch { ForecastScope.Rep => Wire.QuotaScope.Rep, ForecastScope.Team => Wire.QuotaScope.Team, _ => Wire.QuotaScope.Company },
        ScopeId = quota.ScopeId,
        Period = PeriodKinds.ToWire(quota.PeriodKind),
        StartsOn = DateConversions.ToDate(quota.StartsOn),
        EndsOn = DateConversions.ToDate(quota.EndsOn),
        Amount = MoneyConversions.ToMoney(quota.Amount, quota.Currency),
        SetBy = quota.SetBy,
        Version = quota.Version,
    };

    /// <summary>The scope a request names; null when it names none.</summary>
    public static ForecastScope? Scope(Wire.QuotaScope scope) => scope switch
    {
        Wire.QuotaScope.Rep => ForecastScope.Rep,
        Wire.QuotaScope.Team => ForecastScope.Team,
        Wire.QuotaScope.Company => ForecastScope.Company,
        _ => null,
    };
}
