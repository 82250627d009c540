using Crm.Api;
using Crm.Common.Grpc.V1;
using Crm.Grpc;
using Grpc.Core;
using FsCheck;
using FsCheck.Fluent;

namespace Crm.Api.Tests;

public sealed class MoneyConversionsTests
{
    [Theory]
    [InlineData("12.345", 12, 345_000_000)]
    [InlineData("-1.75", -1, -750_000_000)]
    [InlineData("0.000000001", 0, 1)]
    [InlineData("1000000", 1_000_000, 0)]
    public void An_amount_becomes_units_and_nanos_of_the_same_sign(string amount, long units, int nanos)
    {
        var money = MoneyConversions.ToMoney(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "EUR");
        Assert.Equal(units, money.Units);
        Assert.Equal(nanos, money.Nanos);
        Assert.Equal("EUR", money.CurrencyCode);
    }

    [Fact]
    public void Every_amount_to_nine_decimals_survives_the_round_trip()
    {
        Prop.ForAll(
            Gen.Choose(-1_000_000, 1_000_000).Zip(Gen.Choose(0, 999_999_999)).ToArbitrary(),
            pair =>
            {
                var (whole, fraction) = pair;
                var amount = whole + (Math.Sign(whole == 0 ? 1 : whole) * fraction / 1_000_000_000m);
                var (read, currency, status) = MoneyConversions.Read(MoneyConversions.ToMoney(amount, "USD"), "amount");
                return status.IsOk && read == amount && currency == "USD";
            }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("", 1, 0, "price.currency_code")]
    [InlineData("eur", 1, 0, "price.currency_code")]
    [InlineData("EUR", 1, -5, "price.nanos")]
    [InlineData("EUR", 0, 1_000_000_000, "price.nanos")]
    [InlineData("XYZ", 1, 0, "price.currency_code")]
    [InlineData("EURO", 1, 0, "price.currency_code")]
    [InlineData("EUR", 1_000_000_000_000, 0, "price")]
    [InlineData("EUR", -1_000_000_000_000, 0, "price")]
    [InlineData("EUR", long.MaxValue, 999_999_999, "price")]
    public void A_malformed_amount_is_INVALID_ARGUMENT_naming_the_field(string currency, long units, int nanos, string field)
    {
        var (_, _, status) = MoneyConversions.Read(new Money { CurrencyCode = currency, Units = units, Nanos = nanos }, "price");
        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.StartsWith(field + ":", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_amount_is_refused_only_when_required()
    {
        Assert.Equal("budget: is required", MoneyConversions.Read(null, "budget").Status.Detail);
        Assert.True(MoneyConversions.Read(null, "budget", required: false).Status.IsOk);
    }

    /// <summary>Regression: amounts near the 64-bit limit were stored, and the totals of shared reads (campaigns,
    /// pipeline, forecast) then failed with INTERNAL for every caller. No amount reaches a trillion now.</summary>
    [Fact]
    public void Amounts_stay_below_a_trillion_so_that_totals_fit()
    {
        var largest = new Money { CurrencyCode = "JPY", Units = 999_999_999_999, Nanos = 999_999_999 };
        var (amount, _, status) = MoneyConversions.Read(largest, "amount");
        Assert.True(status.IsOk, status.Detail);

        // Nine million of the largest amounts still add up to a total the wire carries.
        var total = amount * 9_000_000;
        var wire = MoneyConversions.ToMoney(total, "JPY");
        Assert.Equal(total, wire.Units + (wire.Nanos / 1_000_000_000m));
    }
}
