using Crm.Messaging;
using Crm.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace Crm.Orders.Data;

/// <summary>The orders database: orders, invoices, payments, credit accounts and billing profiles, with the outbox of their events.</summary>
public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : MessagingDbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<CreditAccount> CreditAccounts => Set<CreditAccount>();

    public DbSet<BillingProfile> BillingProfiles => Set<BillingProfile>();

    /// <summary>Orders with their invoices and the invoices' payments: what an order's rules look at.</summary>
    public IQueryable<Order> OrdersWithInvoices => Orders.Include(o => o.Invoices).ThenInclude(i => i.Payments);

    /// <summary>The customer's credit account, created in good standing when missing; its version guards the change.</summary>
    public async Task<CreditAccount> CreditAccountAsync(Guid customerId, CancellationToken cancellationToken)
    {
        await Database.ExecuteSqlAsync(
            $"INSERT INTO credit_accounts (customer_id, status, reason, version) VALUES ({customerId}, 'Good', '', 0) ON CONFLICT DO NOTHING",
            cancellationToken);
        return await CreditAccounts.SingleAsync(a => a.CustomerId == customerId, cancellationToken);
    }
}
