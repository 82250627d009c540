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

    /// <summary>The lines, or none after recording the first problem in <paramref name="check"/>.</summary>
    public static IReadOnlyList<OpportunityLine> Read(RepeatedField<Wire.OpportunityLine> lines, string field, RequestCheck check)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(check);
        if (lines.Count > MaxLines)
        {
            check.Fail(field, string.Create(CultureInfo.InvariantCulture, $"hold {lines.Count} lines, more than the {MaxLines} a deal takes"));
            return [];
        }

        var read = new List<OpportunityLine>(lines.Count);
        for (var i = 0; i < lines.Count && check.Failure is null; i++)
        {
            var lineField = string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]");
            if (ReadLine(lines[i], lineField, check) is not { } line)
            {
                break;
            }

            if (read.Count > 0 && read[0].UnitPrice.Currency != line.UnitPrice.Currency)
            {
                check.Fail(lineField + ".unit_price.currency_code", $"must be {read[0].UnitPrice.Currency}, as in the first line");
                break;
            }

            read.Add(line);
        }

        // Each line is below a trillion; their sum may not be, and it becomes the deal's amount.
        if (check.Failure is null && read.Count > 0 && Opportunity.TotalOf(read).Amount >= MoneyConversions.MaxAmount)
        {
            check.Fail(field, "add up to one trillion or more, more than any amount may be");
        }

        return check.Failure is null ? read : [];
    }

    private static OpportunityLine? ReadLine(Wire.OpportunityLine line, string field, RequestCheck check)
    {
        var productId = check.Id(line.ProductId, field + ".product_id");
        var productName = check.Text(line.ProductName, field + ".product_name", TextLimits.Line);
        if (check.Failure is not null)
        {
            return null;
        }

        if (!decimal.TryParse(line.Quantity, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var quantity) || quantity <= 0)
        {
            check.Fail(field + ".quantity", "is not a quantity above 0 (\"2\", \"1.5\")");
        }
        else if (quantity > MaxQuantity)
        {
            check.Fail(field + ".quantity", "is more than 1,000,000");
        }
        else if (decimal.Round(quantity, 3) != quantity)
        {
            check.Fail(field + ".quantity", "has more than three decimals");
        }

        var price = check.Money(line.UnitPrice, field + ".unit_price", required: true);
        if (price is { Amount: < 0 })
        {
            check.Fail(field + ".unit_price", "must not be negative");
        }

        return check.Failure is null ? new OpportunityLine(productId, productName, quantity, price!) : null;
    }
}
