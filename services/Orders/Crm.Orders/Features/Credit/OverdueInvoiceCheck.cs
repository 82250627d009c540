using Crm.Contracts.Orders;
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
    IOptions<OrdersOptions> options,
    ILogger<OverdueInvoiceCheck> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await CheckBatchAsync(stoppingToken) > 0)
                {
                    // A backlog (the first start, a long outage) goes out in back-to-back batches.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or DbUpdateException or InvalidOperationException or TimeoutException)
            {
                // The database is away or a payment raced us: nothing was committed; the next round tries again.
                LogCheckFailed(ex);
            }

            await Task.Delay(options.Value.OverdueCheckInterval, time, stoppingToken);
        }
    }

    /// <summary>Marks one batch overdue and reviews the credit of their customers; returns how many it marked.</summary>
    internal async Task<int> CheckBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var now = time.UtcNowInMicroseconds();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var open = nameof(InvoiceStatus.Open);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Invoices
            .FromSql($"SELECT * FROM invoices WHERE status = {open} AND due_on < {today} ORDER BY due_on, id LIMIT {options.Value.OverdueCheckBatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        foreach (var invoice in due)
        {
            invoice.MarkOverdue();
            db.Publish(new InvoiceOverdue(
                Guid.NewGuid(), now, invoice.CustomerId, invoice.Id, invoice.Version, invoice.OrderId,
                new Contracts.Money(invoice.Currency, invoice.Outstanding), invoice.DueOn, today.DayNumber - invoice.DueOn.DayNumber));
            LogOverdue(invoice.Number, invoice.DueOn);
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
    private partial void LogOverdue(string number, DateOnly dueOn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The overdue invoice check failed; it runs again at the next interval")]
    private partial void LogCheckFailed(Exception exception);
}
