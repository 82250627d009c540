using Crm.Messaging.Data;
using Crm.Orders.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Orders.Data.Configurations;

/// <summary>How an order (<see cref="Order"/>) is stored; columns are named by the snake-case convention.</summary>
internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("orders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Position).ValueGeneratedOnAdd();
        builder.Property(o => o.Status).HasConversion<string>();
        builder.Property(o => o.Lines).HasColumnType("jsonb").HasConversion(JsonColumn.Converter<IReadOnlyList<OrderLine>>())
            .Metadata.SetValueComparer(new ValueComparer<IReadOnlyList<OrderLine>>((a, b) => a!.SequenceEqual(b!), l => l.Count, l => l));
        builder.Property(o => o.ShipTo).HasColumnType("jsonb").HasConversion(JsonColumn.Converter<ShippingAddress?>());
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.Ignore(o => o.IsShipped);
        builder.HasMany(o => o.Invoices).WithOne().HasForeignKey(i => i.OrderId);
    }
}
