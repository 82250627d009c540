extern alias service;

using Crm.Contracts;
using Crm.Contracts.Forecasts;
using service::Crm.Forecasts.Domain.Quotas;

namespace Crm.Forecasts.Tests.Quotas;

/// <summary>A quota's own rules, without a database.</summary>
public sealed class QuotaRulesTests
{
    private static readonly ForecastPeriod Q1 = new(ForecastPeriodKind.Quarter, new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 31));
    private static readonly DateTimeOffset At = new(2027, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1_000_000_000_001)]
    public void A_quota_is_more_than_nothing_and_not_beyond_belief(decimal amount)
    {
        var set = Quota.Set(ForecastScope.Rep, "ria", Q1, new Money("EUR", amount), "west", "wes", At);

        Assert.Equal("amount", set.Error?.Field);
    }

    [Theory]
    [InlineData(ForecastScope.Company, "acme")]
    [InlineData(ForecastScope.Rep, "")]
    [InlineData(ForecastScope.Team, "")]
    public void A_reps_or_teams_quota_names_them_and_the_companys_names_nobody(ForecastScope scope, string scopeId)
    {
        var set = Quota.Set(scope, scopeId, Q1, new Money("EUR", 1000m), null, "vera", At);

        Assert.Equal("scope_id", set.Error?.Field);
    }

    [Fact]
    public void Setting_and_changing_a_quota_each_raise_QuotaSet_with_the_next_version()
    {
        var quota = Quota.Set(ForecastScope.Rep, "ria", Q1, new Money("EUR", 1000m), "west", "wes", At).Value!;
        Assert.True(quota.Change(new Money("USD", 1500m), "wil", At.AddDays(1)).IsDone);
        Assert.Equal("amount", quota.Change(new Money("USD", 0m), "wil", At.AddDays(2)).Error?.Field);

        var raised = quota.PendingDomainEvents().Cast<QuotaSet>().ToList();
        Assert.Equal([(1L, 1000m, "EUR", "wes"), (2L, 1500m, "USD", "wil")], raised.Select(e => (e.Version, e.Amount.Amount, e.Amount.Currency, e.SetBy)));
        Assert.All(raised, e => Assert.Equal((quota.QuotaId, Q1, ForecastScope.Rep, "ria", "west"), (e.QuotaId, e.Period, e.Scope, e.ScopeId, e.SalesTeam)));
        Assert.Equal((2L, 1500m, "USD"), (quota.Version, quota.Amount, quota.Currency));
    }
}
