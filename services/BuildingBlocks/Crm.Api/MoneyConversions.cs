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
    /// when it is missing or malformed (no currency, nanos out of range or of the other sign than units).</summary>
    public static (decimal Amount, string Currency, Status Status) Read(Money? money, string field, bool required = true)
    {
        if (money is null)
        {
            return required ? (0, string.Empty, Status.InvalidArgument(field, "is required")) : (0, string.Empty, Status.Ok);
        }

        if (money.CurrencyCode.Length != 3 || !money.CurrencyCode.All(char.IsAsciiLetterUpper))
        {
            return (0, string.Empty, Status.InvalidArgument(field + ".currency_code", "must be a three-letter ISO 4217 code such as EUR"));
        }

        if (money.Nanos is <= -1_000_000_000 or >= 1_000_000_000)
        {
            return (0, string.Empty, Status.InvalidArgument(field + ".nanos", "must be between -999999999 and 999999999"));
        }

        if ((money.Units > 0 && money.Nanos < 0) || (money.Units < 0 && money.Nanos > 0))
        {
            return (0, string.Empty, Status.InvalidArgument(field + ".nanos", "must have the same sign as units"));
        }

        return (money.Units + (money.Nanos / NanosPerUnit), money.CurrencyCode, Status.Ok);
    }
}
