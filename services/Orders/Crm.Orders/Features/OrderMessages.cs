using Crm.Api;
using System.Globalization;
using Crm.Orders.Domain;
using static Crm.Api.DateConversions;
using static Crm.Api.MoneyConversions;
using V1 = Crm.Orders.Grpc.V1;

namespace Crm.Orders.Features;

/// <summary>The service's records as the API shows them.</summary>
internal static class OrderMessages
{
    /// <summary>The domain's status for a known status of the API (a filter).</summary>
    public static OrderStatus ToDomain(V1.OrderStatus status) => EnumNames.Convert<V1.OrderStatus, OrderStatus>(status);

    public static V1.Order ToMessage(this Order order)
    {
        var message = new V1.Order
        {
            OrderId = order.Id.ToString(),
            CustomerId = order.CustomerId.ToString(),
            OpportunityId = order.OpportunityId.ToString(),
            Status = order.Status switch
            {
                OrderStatus.Booked => V1.OrderStatus.Booked,
                OrderStatus.Rejected => V1.OrderStatus.Rejected,
                OrderStatus.Shipped => V1.OrderStatus.Shipped,
                OrderStatus.Invoiced => V1.OrderStatus.Invoiced,
                OrderStatus.Paid => V1.OrderStatus.Paid,
                _ => V1.OrderStatus.Unspecified,
            },
            Total = ToMoney(order.Total, order.Currency),
            PurchaseOrderNumber = order.PurchaseOrderNumber ?? string.Empty,
            RejectionReason = order.RejectionReason ?? string.Empty,
            BookedAt = ToTimestamp(order.BookedAt),
            Version = order.Version,
        };
        message.Lines.AddRange(order.Lines.Select(l => new V1.OrderLine
        {
            ProductId = l.ProductId.ToString(),
            ProductName = l.ProductName,
            Quantity = l.Quantity.ToString(CultureInfo.InvariantCulture),
            UnitPrice = ToMoney(l.UnitPrice, order.Currency),
        }));
        if (order.ShipTo is { } to)
        {
            message.ShipTo = new Common.Grpc.V1.PostalAddress
            {
                Street = to.Street, City = to.City, Region = to.Region ?? string.Empty, PostalCode = to.PostalCode, Country = to.Country,
            };
        }

        if (order.IsShipped)
        {
            message.Shipment = new V1.Shipment { Carrier = order.Carrier, TrackingNumber = order.TrackingNumber, ShippedAt = ToTimestamp(order.ShippedAt), ShippedBy = order.ShippedBy ?? string.Empty };
        }

        message.Invoices.AddRange(order.Invoices.OrderBy(i => i.IssuedAt).Select(ToMessage));
        return message;
    }

    public static V1.Invoice ToMessage(this Invoice invoice)
    {
        var message = new V1.Invoice
        {
            InvoiceId = invoice.Id.ToString(),
            Number = invoice.Number,
            OrderId = invoice.OrderId.ToString(),
            CustomerId = invoice.CustomerId.ToString(),
            Amount = ToMoney(invoice.Amount, invoice.Currency),
            Paid = ToMoney(invoice.Paid, invoice.Currency),
            DueOn = ToDate(invoice.DueOn),
            Status = invoice.Status switch
            {
                InvoiceStatus.Open => V1.InvoiceStatus.Open,
                InvoiceStatus.Overdue => V1.InvoiceStatus.Overdue,
                InvoiceStatus.PaidInFull => V1.InvoiceStatus.PaidInFull,
                _ => V1.InvoiceStatus.Unspecified,
            },
            IssuedAt = ToTimestamp(invoice.IssuedAt),
            Version = invoice.Version,
        };
        message.Payments.AddRange(invoice.Payments.OrderBy(p => p.ReceivedAt).Select(p => new V1.Payment
        {
            PaymentId = p.Id.ToString(),
            Amount = ToMoney(p.Amount, invoice.Currency),
            ReceivedAt = ToTimestamp(p.ReceivedAt),
            RecordedBy = p.RecordedBy,
        }));
        return message;
    }

    /// <summary>The credit status of <paramref name="customerId"/>: good standing when it has no account yet.</summary>
    public static V1.CreditStatus ToMessage(this CreditAccount? account, Guid customerId, IEnumerable<Guid> overdueInvoiceIds)
    {
        var message = new V1.CreditStatus
        {
            CustomerId = customerId.ToString(),
            OnHold = account?.OnHold == true,
            Reason = account?.Reason ?? string.Empty,
            Since = ToTimestamp(account?.Since),
            Version = account?.Version ?? 0,
        };
        message.OverdueInvoiceIds.AddRange(overdueInvoiceIds.Select(id => id.ToString()));
        return message;
    }
}
