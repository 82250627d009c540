using Crm.Api;
using Crm.Forecasts.Domain;
using Crm.Grpc;
using Grpc.Core;

namespace Crm.Forecasts.Features;

/// <summary>
/// The currency amounts are summed in: the one asked for, else the most common among the deals counted (amounts in
/// other currencies are counted but not added: there are no exchange rates yet).
/// </summary>
internal static class SummingCurrency
{
    /// <summary>The answer's currency when there is no deal to take one from.</summary>
    public const string Fallback = "EUR";

    public static (string Currency, Status Status) Choose(string requested, IEnumerable<string?> currencies) =>
        Choose(requested, currencies.Select(c => (c, 1)));

    /// <summary>As <see cref="Choose(string, IEnumerable{string?})"/>, from currencies with how many deals are in each.</summary>
    public static (string Currency, Status Status) Choose(string requested, IEnumerable<(string? Currency, int Deals)> counted)
    {
        ArgumentNullException.ThrowIfNull(requested);
        if (requested.Length > 0)
        {
            return CurrencyCodes.IsKnown(requested)
                ? (requested, Status.Ok)
                : (string.Empty, Status.InvalidArgument("currency_code", "must be an ISO 4217 currency code such as EUR"));
        }

        var common = counted.Where(c => c.Currency is not null)
            .GroupBy(c => c.Currency!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Sum(c => c.Deals)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .FirstOrDefault();
        return (common ?? Fallback, Status.Ok);
    }

    /// <summary>The entry's amount when it is in <paramref name="currency"/>, else 0.</summary>
    public static decimal AmountIn(ForecastEntry entry, string currency) =>
        entry.Currency == currency ? entry.Amount ?? 0m : 0m;

    /// <summary>The amount weighted by the probability of winning, exact in decimal.</summary>
    public static decimal WeightedIn(ForecastEntry entry, string currency) =>
        AmountIn(entry, currency) * (entry.Probability ?? 0) / 100m;
}
