using Crm.Support.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Support.Data.Configurations;

/// <summary>How a support case (<see cref="SupportCase"/>) is stored; columns are named by the snake-case convention.</summary>
internal sealed class SupportCaseConfiguration : IEntityTypeConfiguration<SupportCase>
{
    public void Configure(EntityTypeBuilder<SupportCase> builder)
    {
        builder.ToTable("cases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Position).ValueGeneratedOnAdd();
        builder.Property(c => c.Kind).HasConversion<string>();
        builder.Property(c => c.Status).HasConversion<string>();
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.IsResolved);
        builder.HasMany(c => c.Interactions).WithOne().HasForeignKey(i => i.CaseId);
    }
}
