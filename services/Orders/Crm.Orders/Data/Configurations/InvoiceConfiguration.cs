using Crm.Orders.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Orders.Data.Configurations;

/// <summary>How an invoice (<see cref="Invoice"/>) is stored; columns are named by the snake-case convention.</summary>
internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.ToTable("invoices");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Status).HasConversion<string>();
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.Ignore(i => i.Outstanding);
        builder.HasMany(i => i.Payments).WithOne().HasForeignKey(p => p.InvoiceId);
    }
}
