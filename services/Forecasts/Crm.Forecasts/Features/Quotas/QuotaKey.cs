using Crm.Contracts.Forecasts;

namespace Crm.Forecasts.Features;

/// <summary>What identifies a quota: whose it is and for which period.</summary>
internal sealed record QuotaKey(ForecastScope Scope, string ScopeId, ForecastPeriod Period)
{
    public override string ToString() => Scope switch
    {
        ForecastScope.Company => $"the company for {Period.Kind.ToString().ToLowerInvariant()} {Period.StartsOn:yyyy-MM-dd}",
        _ => $"{Scope.ToString().ToLowerInvariant()} {ScopeId} for {Period.Kind.ToString().ToLowerInvariant()} {Period.StartsOn:yyyy-MM-dd}",
    };
}
