using Crm.Messaging;
using Crm.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace Crm.Orders.Data;

/// <summary>The orders database: orders, invoices, payments and credit accounts, with the outbox of their events.</summary>
public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : MessagingDbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<CreditAccount> CreditAccounts => Set<CreditAccount>();

    /// <summary>The order with its invoices and payments, locked until the transaction ends; null when there is none.</summary>
    public async Task<Order?> LockOrderAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var order = await Orders.FromSql($"SELECT * FROM orders WHERE id = {orderId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (order is not null)
        {
            await Invoices.Where(i => i.OrderId == orderId).Include(i => i.Payments).LoadAsync(cancellationToken);
        }

        return order;
    }

    /// <summary>The customer's credit account, created in good standing when missing, locked until the transaction ends.</summary>
    public async Task<CreditAccount> LockCreditAccountAsync(Guid customerId, CancellationToken cancellationToken)
    {
        await Database.ExecuteSqlAsync(
            $"INSERT INTO credit_accounts (customer_id, status, reason, version) VALUES ({customerId}, 'Good', '', 0) ON CONFLICT DO NOTHING",
            cancellationToken);
        return await CreditAccounts.FromSql($"SELECT * FROM credit_accounts WHERE customer_id = {customerId} FOR UPDATE").SingleAsync(cancellationToken);
    }
}
