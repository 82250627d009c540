using CrmPlatform.ServiceDefaults;
using Crm.Messaging.Data;
using Crm.Contracts.Orders;
using Crm.Messaging;
using Crm.Orders.Data;
using Crm.Orders.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Orders.Features.Credit;

/// <summary>
/// Every <see cref="OrdersOptions.OverdueCheckInterval"/>, marks each open invoice due before today (UTC, from the
/// <see cref="TimeProvider"/>) overdue and puts its customer on credit hold. Replicas share the work: each claims
/// invoices with <c>FOR UPDATE SKIP LOCKED</c>, so an invoice is marked, and its event written, once.
/// </summary>
internal sealed partial class OverdueInvoiceCheck(
    IServiceScopeFactory scopes,
    TimeProvider time,
    DatabaseSchema schema,
    IOptions<OrdersOptions> options,
    ILogger<OverdueInvoiceCheck> logger) : BatchCheck(time, schema, logger)
{
    protected override TimeSpan Interval => options.Value.OverdueCheckInterval;

    /// <summary>Marks one batch overdue and reviews the credit of their customers; returns how many it marked.</summary>
    protected override async Task<int> CheckBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var now = Time.UtcNowInMicroseconds();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var open = nameof(InvoiceStatus.Open);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Invoices
            .FromSql($"SELECT * FROM invoices WHERE status = {open} AND due_on < {today} ORDER BY due_on, id LIMIT {options.Value.OverdueCheckBatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        foreach (var invoice in due.Where(i => i.MarkOverdue(today, now)))
        {
            LogOverdue(Logger, invoice.Number, invoice.DueOn);
        }

        // Customers in one order in every replica, so that two checks never wait on each other's credit rows.
        foreach (var customerId in due.Select(i => i.CustomerId).Distinct().Order())
        {
            await CreditReview.ReviewAsync(db, customerId, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Invoice {Number} due on {DueOn} is overdue")]
    private static partial void LogOverdue(ILogger logger, string number, DateOnly dueOn);
}
