extern alias service;

using System.Globalization;
using Crm.Contracts;
using Crm.Contracts.Opportunities;
using Crm.Contracts.Orders;
using Crm.Domain;
using service::Crm.Orders.Domain;
using InvoiceStatus = service::Crm.Orders.Domain.InvoiceStatus;
using OrderStatus = service::Crm.Orders.Domain.OrderStatus;

namespace Crm.Orders.Tests.Domain;

/// <summary>The rules of orders, invoices and credit as plain objects: no database, no gRPC.</summary>
public sealed class OrderTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly Guid Customer = Guid.NewGuid();

    private static OpportunityWon Won() => new(
        Guid.NewGuid(), Now, Customer, Guid.NewGuid(), 7, "olga.outside",
        [new OpportunityLine(Guid.NewGuid(), "Licences", 10m, new Money("EUR", 100m))], new Money("EUR", 1_000m), DateOnly.FromDateTime(Now.UtcDateTime), null, "PO-1");

    private static Order Booked()
    {
        var order = Order.Book(Won(), CreditAccount.InGoodStanding(Customer), Now);
        Assert.IsType<OrderBooked>(Assert.Single(order.TakeDomainEvents()));
        return order;
    }

    private static Invoice Invoiced(Order order, DateOnly dueOn)
    {
        var invoice = order.Invoice("INV-000042", dueOn, Now).Value!;
        Assert.IsType<InvoiceIssued>(Assert.Single(invoice.TakeDomainEvents()));
        return invoice;
    }

    [Fact]
    public void A_customer_on_credit_hold_gets_a_rejected_order_that_neither_ships_nor_is_invoiced()
    {
        var credit = CreditAccount.InGoodStanding(Customer);
        var overdue = Invoiced(Booked(), new DateOnly(2026, 3, 1));
        overdue.MarkOverdue(new DateOnly(2026, 4, 1), Now);
        credit.Review([overdue], Now);

        var order = Order.Book(Won(), credit, Now);

        var rejected = Assert.IsType<OrderRejected>(Assert.Single(order.TakeDomainEvents()));
        Assert.Equal((OrderStatus.Rejected, OrderRejectionReason.CreditHold), (order.Status, rejected.Reason));
        Assert.Contains("INV-000042", rejected.Detail, StringComparison.Ordinal);
        Assert.Equal(DomainErrorKind.Precondition, order.Ship("DHL", "123", "sam.shipping", Now).Error?.Kind);
        Assert.Equal(DomainErrorKind.Precondition, order.Invoice("INV-000043", new DateOnly(2026, 5, 1), Now).Error?.Kind);
        Assert.Equal((1L, 0), (order.Version, order.Invoices.Count));
    }

    [Fact]
    public void An_order_ships_once_and_is_invoiced_once()
    {
        var order = Booked();
        Assert.True(order.Ship("DHL", "123", "sam.shipping", Now).IsDone);
        Assert.IsType<OrderShipped>(Assert.Single(order.TakeDomainEvents()));
        Invoiced(order, new DateOnly(2026, 5, 1));

        Assert.Equal(DomainErrorKind.Precondition, order.Ship("UPS", "456", "sam.shipping", Now).Error?.Kind);
        Assert.Equal(DomainErrorKind.Precondition, order.Invoice("INV-000043", new DateOnly(2026, 5, 1), Now).Error?.Kind);
        Assert.Equal((OrderStatus.Invoiced, "DHL", 3L), (order.Status, order.Carrier, order.Version));
    }

    [Theory]
    [InlineData("0", "EUR", "amount")]
    [InlineData("-5", "EUR", "amount")]
    [InlineData("10", "USD", "amount.currency_code")]
    [InlineData("1000.01", "EUR", "amount")]
    public void A_payment_it_cannot_take_is_refused_naming_the_field_and_changes_nothing(string amount, string currency, string field)
    {
        var invoice = Invoiced(Booked(), new DateOnly(2026, 4, 30));

        var (payment, refused) = invoice.Receive(decimal.Parse(amount, CultureInfo.InvariantCulture), currency, Now, "alice.accounting");

        Assert.Null(payment);
        Assert.Equal((DomainErrorKind.Invalid, field), (refused?.Kind, refused?.Field));
        Assert.Equal((0m, 1L, 0), (invoice.Paid, invoice.Version, invoice.Payments.Count));
        Assert.Empty(invoice.PendingDomainEvents());
    }

    [Fact]
    public void Paying_what_is_open_closes_the_invoice_and_settles_the_order()
    {
        var order = Booked();
        var invoice = Invoiced(order, new DateOnly(2026, 4, 30));
        Assert.True(invoice.Receive(400m, "EUR", Now, "alice.accounting").IsDone);
        Assert.False(order.SettleIfPaid());

        Assert.True(invoice.Receive(600m, "EUR", Now.AddDays(1), "alice.accounting").IsDone);

        Assert.Equal((0m, InvoiceStatus.PaidInFull, 3L), (invoice.Outstanding, invoice.Status, invoice.Version));
        Assert.Equal([(2L, 600m), (3L, 0m)], invoice.TakeDomainEvents().Cast<PaymentReceived>().Select(p => (p.Version, p.Outstanding.Amount)));
        Assert.True(order.SettleIfPaid());
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(DomainErrorKind.Precondition, invoice.Receive(1m, "EUR", Now.AddDays(2), "alice.accounting").Error?.Kind);
    }

    [Fact]
    public void An_invoice_is_overdue_the_day_after_it_is_due_and_the_hold_lifts_when_it_is_paid()
    {
        var invoice = Invoiced(Booked(), new DateOnly(2026, 4, 30));
        var credit = CreditAccount.InGoodStanding(Customer);
        Assert.False(invoice.MarkOverdue(new DateOnly(2026, 4, 30), Now));

        Assert.True(invoice.MarkOverdue(new DateOnly(2026, 5, 3), Now));
        credit.Review([invoice], Now);

        var overdue = Assert.IsType<InvoiceOverdue>(Assert.Single(invoice.TakeDomainEvents()));
        Assert.Equal((3, 1_000m), (overdue.DaysOverdue, overdue.Outstanding.Amount));
        var held = Assert.IsType<CreditStatusChanged>(Assert.Single(credit.TakeDomainEvents()));
        Assert.Equal((CreditStatus.Hold, 1L), (held.Status, held.Version));

        invoice.Receive(1_000m, "EUR", Now.AddDays(1), "alice.accounting");
        credit.Review([], Now.AddDays(1));

        var released = Assert.IsType<CreditStatusChanged>(Assert.Single(credit.TakeDomainEvents()));
        Assert.Equal((CreditStatus.Good, CreditAccount.ReleasedReason, false), (released.Status, released.Reason, credit.OnHold));
    }

    [Fact]
    public void An_invoice_takes_at_most_500_payments()
    {
        var invoice = Invoiced(Booked(), new DateOnly(2026, 4, 30));
        for (var i = 0; i < Invoice.MaxPayments; i++)
        {
            Assert.True(invoice.Receive(0.01m, "EUR", Now, "alice.accounting").IsDone);
        }

        var refused = invoice.Receive(0.01m, "EUR", Now, "alice.accounting");

        Assert.Equal(DomainErrorKind.Precondition, refused.Error?.Kind);
        Assert.Equal((500, 5m), (invoice.Payments.Count, invoice.Paid));
    }

    /// <summary>Regression (review): two payments of two overdue invoices at once could both commit, one of them on a
    /// review that changed nothing and so was never checked, leaving the customer on hold with nothing overdue. Every
    /// review is now a change of the credit account, which the optimistic check then catches.</summary>
    [Fact]
    public void A_review_that_changes_nothing_still_counts_as_a_change()
    {
        var credit = CreditAccount.InGoodStanding(Customer);
        var overdue = Invoiced(Booked(), new DateOnly(2026, 3, 1));
        overdue.MarkOverdue(new DateOnly(2026, 4, 1), Now);
        credit.Review([overdue], Now);
        credit.TakeDomainEvents();

        credit.Review([overdue], Now.AddMinutes(1));

        Assert.Equal((2L, true), (credit.Version, credit.OnHold));
        Assert.Empty(credit.PendingDomainEvents());
    }
}
