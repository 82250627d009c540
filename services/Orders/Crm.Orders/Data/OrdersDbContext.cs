using System.Text.Json;
using Crm.Messaging;
using Crm.Orders.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Order>(MapOrder);
        modelBuilder.Entity<Invoice>(MapInvoice);
        modelBuilder.Entity<Payment>(payment =>
        {
            payment.ToTable("payments");
            payment.HasKey(p => p.Id);
            payment.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
            payment.Property(p => p.InvoiceId).HasColumnName("invoice_id");
            payment.Property(p => p.Amount).HasColumnName("amount");
            payment.Property(p => p.ReceivedAt).HasColumnName("received_at");
            payment.Property(p => p.RecordedBy).HasColumnName("recorded_by");
        });
        modelBuilder.Entity<CreditAccount>(account =>
        {
            account.ToTable("credit_accounts");
            account.HasKey(a => a.CustomerId);
            account.Property(a => a.CustomerId).HasColumnName("customer_id").ValueGeneratedNever();
            account.Property(a => a.Status).HasColumnName("status").HasConversion<string>();
            account.Property(a => a.Reason).HasColumnName("reason");
            account.Property(a => a.Since).HasColumnName("since");
            account.Property(a => a.Version).HasColumnName("version").IsConcurrencyToken();
            account.Ignore(a => a.OnHold);
        });
    }

    private static void MapOrder(EntityTypeBuilder<Order> order)
    {
        order.ToTable("orders");
        order.HasKey(o => o.Id);
        order.Property(o => o.Id).HasColumnName("id").ValueGeneratedNever();
        order.Property(o => o.CustomerId).HasColumnName("customer_id");
        order.Property(o => o.OpportunityId).HasColumnName("opportunity_id");
        order.Property(o => o.OwnerId).HasColumnName("owner_id");
        order.Property(o => o.Status).HasColumnName("status").HasConversion<string>();
        order.Property(o => o.Lines).HasColumnName("lines").HasColumnType("jsonb").HasConversion(Json<IReadOnlyList<OrderLine>>())
            .Metadata.SetValueComparer(new ValueComparer<IReadOnlyList<OrderLine>>((a, b) => a!.SequenceEqual(b!), l => l.Count, l => l));
        order.Property(o => o.Currency).HasColumnName("currency");
        order.Property(o => o.Total).HasColumnName("total");
        order.Property(o => o.ShipTo).HasColumnName("ship_to").HasColumnType("jsonb").HasConversion(Json<ShippingAddress?>());
        order.Property(o => o.PurchaseOrderNumber).HasColumnName("purchase_order_number");
        order.Property(o => o.RejectionReason).HasColumnName("rejection_reason");
        order.Property(o => o.ShipmentId).HasColumnName("shipment_id");
        order.Property(o => o.Carrier).HasColumnName("carrier");
        order.Property(o => o.TrackingNumber).HasColumnName("tracking_number");
        order.Property(o => o.ShippedAt).HasColumnName("shipped_at");
        order.Property(o => o.ShippedBy).HasColumnName("shipped_by");
        order.Property(o => o.BookedAt).HasColumnName("booked_at");
        order.Property(o => o.Version).HasColumnName("version").IsConcurrencyToken();
        order.Ignore(o => o.IsShipped);
        order.HasMany(o => o.Invoices).WithOne().HasForeignKey(i => i.OrderId);
    }

    private static void MapInvoice(EntityTypeBuilder<Invoice> invoice)
    {
        invoice.ToTable("invoices");
        invoice.HasKey(i => i.Id);
        invoice.Property(i => i.Id).HasColumnName("id").ValueGeneratedNever();
        invoice.Property(i => i.Number).HasColumnName("number");
        invoice.Property(i => i.OrderId).HasColumnName("order_id");
        invoice.Property(i => i.CustomerId).HasColumnName("customer_id");
        invoice.Property(i => i.Currency).HasColumnName("currency");
        invoice.Property(i => i.Amount).HasColumnName("amount");
        invoice.Property(i => i.Paid).HasColumnName("paid");
        invoice.Property(i => i.DueOn).HasColumnName("due_on");
        invoice.Property(i => i.Status).HasColumnName("status").HasConversion<string>();
        invoice.Property(i => i.IssuedAt).HasColumnName("issued_at");
        invoice.Property(i => i.Version).HasColumnName("version").IsConcurrencyToken();
        invoice.Ignore(i => i.Outstanding);
        invoice.HasMany(i => i.Payments).WithOne().HasForeignKey(p => p.InvoiceId);
    }

    private static ValueConverter<T, string> Json<T>() =>
        new(v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web), s => JsonSerializer.Deserialize<T>(s, JsonSerializerOptions.Web)!);
}
