using Crm.Forecasts.Domain.Quotas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Forecasts.Data.Configurations;

/// <summary>How a quota is stored (<c>quotas</c>, migration 0006); its version is the optimistic concurrency token.</summary>
internal sealed class QuotaConfiguration : IEntityTypeConfiguration<Quota>
{
    public void Configure(EntityTypeBuilder<Quota> builder)
    {
        builder.ToTable("quotas");
        builder.HasKey(q => q.QuotaId);
        builder.Property(q => q.QuotaId).ValueGeneratedNever();
        builder.Property(q => q.Scope).HasConversion<string>();
        builder.Property(q => q.PeriodKind).HasConversion<string>();
        builder.Property(q => q.Version).IsConcurrencyToken();
        builder.Ignore(q => q.Period);
    }
}
