extern alias service;

using Crm.Domain;
using service::Crm.Orders.Domain;

namespace Crm.Orders.Tests.Domain;

/// <summary>The invoice's rules as a plain object: no database, no gRPC (before, it trusted its caller).</summary>
public sealed class InvoiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 10, 0, 0, TimeSpan.Zero);

    private static Invoice Issued() => new()
    {
        Id = Guid.NewGuid(), Number = "INV-000042", OrderId = Guid.NewGuid(), CustomerId = Guid.NewGuid(), Currency = "EUR",
        Amount = 1000m, DueOn = new DateOnly(2026, 4, 30), IssuedAt = Now,
    };

    [Theory]
    [InlineData("0", "EUR", "amount")]
    [InlineData("-5", "EUR", "amount")]
    [InlineData("10", "USD", "amount.currency_code")]
    [InlineData("1000.01", "EUR", "amount")]
    public void A_payment_it_cannot_take_is_refused_naming_the_field_and_changes_nothing(string amount, string currency, string field)
    {
        var invoice = Issued();

        var (payment, refused) = invoice.Receive(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency, Now, "alice.accounting");

        Assert.Null(payment);
        Assert.Equal((DomainErrorKind.Invalid, field), (refused?.Kind, refused?.Field));
        Assert.Equal((0m, 1L, 0), (invoice.Paid, invoice.Version, invoice.Payments.Count));
    }

    [Fact]
    public void Paying_what_is_open_closes_the_invoice_and_a_closed_invoice_takes_nothing_more()
    {
        var invoice = Issued();
        Assert.True(invoice.Receive(400m, "EUR", Now, "alice.accounting").IsDone);
        Assert.Equal((600m, InvoiceStatus.Open), (invoice.Outstanding, invoice.Status));

        Assert.True(invoice.Receive(600m, "EUR", Now.AddDays(1), "alice.accounting").IsDone);
        Assert.Equal((0m, InvoiceStatus.PaidInFull, 3L), (invoice.Outstanding, invoice.Status, invoice.Version));

        Assert.Equal(DomainErrorKind.Precondition, invoice.Receive(1m, "EUR", Now.AddDays(2), "alice.accounting").Error?.Kind);
        Assert.Equal(2, invoice.Payments.Count);
    }
}
