using System.Globalization;
using Crm.Api;
using Crm.Contracts;
using Crm.Contracts.Opportunities;
using Crm.Grpc;
using Crm.Opportunities.Domain;
using Grpc.Core;
using Google.Protobuf.Collections;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Features;

/// <summary>
/// Reads an opportunity's lines from a request: each with a product (UUID and name), a quantity above 0 with up to three
/// decimals and a unit price, all in one currency. Shared by UpdateDeal and WinOpportunity.
/// </summary>
internal static class DealLines
{
    /// <summary>The largest quantity a line takes (documented in docs/api.md).</summary>
    public const decimal MaxQuantity = 1_000_000m;

    /// <summary>The most lines a deal holds (documented in docs/api.md): an opportunity of any size fits in a list response.</summary>
    public const int MaxLines = 200;

    public static (IReadOnlyList<OpportunityLine> Lines, Status Status) Read(RepeatedField<Wire.OpportunityLine> lines, string field)
    {
        if (lines.Count > MaxLines)
        {
            return ([], Status.InvalidArgument(field, string.Create(CultureInfo.InvariantCulture, $"hold {lines.Count} lines, more than the {MaxLines} a deal takes")));
        }

        var read = new List<OpportunityLine>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var (line, status) = ReadLine(lines[i], string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]"));
            if (!status.IsOk)
            {
                return ([], status);
            }

            if (read.Count > 0 && read[0].UnitPrice.Currency != line!.UnitPrice.Currency)
            {
                return ([], Status.InvalidArgument(string.Create(CultureInfo.InvariantCulture, $"{field}[{i}].unit_price.currency_code"), $"must be {read[0].UnitPrice.Currency}, as in the first line"));
            }

            read.Add(line!);
        }

        // Each line is below a trillion; their sum may not be, and it becomes the deal's amount.
        return read.Count > 0 && Opportunity.TotalOf(read).Amount >= MoneyConversions.MaxAmount
            ? ([], Status.InvalidArgument(field, "add up to one trillion or more, more than any amount may be"))
            : (read, Status.Ok);
    }

    private static (OpportunityLine? Line, Status Status) ReadLine(Wire.OpportunityLine line, string field)
    {
        var check = new RequestCheck();
        var productId = check.Id(line.ProductId, field + ".product_id");
        var productName = check.Text(line.ProductName, field + ".product_name", TextLimits.Line);
        if (check.Failure is { } failure)
        {
            return (null, failure);
        }

        if (!decimal.TryParse(line.Quantity, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var quantity) || quantity <= 0)
        {
            return (null, Status.InvalidArgument(field + ".quantity", "is not a quantity above 0 (\"2\", \"1.5\")"));
        }

        if (quantity > MaxQuantity)
        {
            return (null, Status.InvalidArgument(field + ".quantity", "is more than 1,000,000"));
        }

        if (decimal.Round(quantity, 3) != quantity)
        {
            return (null, Status.InvalidArgument(field + ".quantity", "has more than three decimals"));
        }

        var (price, currency, priceStatus) = MoneyConversions.Read(line.UnitPrice, field + ".unit_price");
        if (!priceStatus.IsOk)
        {
            return (null, priceStatus);
        }

        return price < 0
            ? (null, Status.InvalidArgument(field + ".unit_price", "must not be negative"))
            : (new OpportunityLine(productId, productName, quantity, new Money(currency, price)), Status.Ok);
    }
}
