using Crm.Common.Grpc.V1;
using Crm.Grpc;
using Grpc.Core;

namespace Crm.Api;

/// <summary>
/// <see cref="Money"/> on the wire (whole units and nanos) to and from an exact decimal amount. Reading validates,
/// so that a handler turns a malformed amount into INVALID_ARGUMENT naming the field.
/// </summary>
public static class MoneyConversions
{
    /// <summary>
    /// No amount reaches one trillion, in any currency: far above any deal, and low enough that the totals of
    /// millions of records stay exact in decimal and fit the wire's 64-bit units.
    /// </summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    private const decimal NanosPerUnit = 1_000_000_000m;

    /// <summary>The wire form of <paramref name="amount"/> in <paramref name="currency"/>; fractions finer than a
    /// nano are rounded half away from zero.</summary>
    public static Money ToMoney(decimal amount, string currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        var rounded = Math.Round(amount, 9, MidpointRounding.AwayFromZero);
        var units = decimal.Truncate(rounded);
        return new Money { CurrencyCode = currency, Units = (long)units, Nanos = (int)((rounded - units) * NanosPerUnit) };
    }

    /// <summary>The amount and currency of <paramref name="money"/>, or the status naming <paramref name="field"/>
    /// when it is missing or malformed (no ISO 4217 currency, nanos out of range or of the other sign than units, or not
    /// below <see cref="MaxAmount"/>).</summary>
    public static (decimal Amount, string Currency, Status Status) Read(Money? money, string field, bool required = true)
    {
        if (money is null)
        {
            return required ? (0, string.Empty, Status.InvalidArgument(field, "is required")) : (0, string.Empty, Status.Ok);
        }

        if (!CurrencyCodes.IsKnown(money.CurrencyCode))
        {
            return (0, string.Empty, Status.InvalidArgument(field + ".currency_code", $"'{Echo.Shorten(money.CurrencyCode, 10)}' is not an ISO 4217 currency code such as EUR"));
        }

        if (money.Nanos is <= -1_000_000_000 or >= 1_000_000_000)
        {
            return (0, string.Empty, Status.InvalidArgument(field + ".nanos", "must be between -999999999 and 999999999"));
        }

        if ((money.Units > 0 && money.Nanos < 0) || (money.Units < 0 && money.Nanos > 0))
        {
            return (0, string.Empty, Status.InvalidArgument(field + ".nanos", "must have the same sign as units"));
        }

        var amount = money.Units + (money.Nanos / NanosPerUnit);
        return Math.Abs(amount) >= MaxAmount
            ? (0, string.Empty, Status.InvalidArgument(field, "must be less than 1,000,000,000,000 (one trillion) in absolute value"))
            : (amount, money.CurrencyCode, Status.Ok);
    }
}
