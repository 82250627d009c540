using Crm.Forecasts.Domain;
using Crm.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Crm.Forecasts.Data;

/// <summary>The forecasts database: the read model of opportunities, with the inbox of the events it is built from.</summary>
internal sealed class ForecastsDbContext(DbContextOptions<ForecastsDbContext> options) : MessagingDbContext(options)
{
    public DbSet<ForecastEntry> Entries => Set<ForecastEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<ForecastEntry>(entry =>
        {
            entry.ToTable("forecast_entries");
            entry.HasKey(e => e.OpportunityId);
            entry.Property(e => e.OpportunityId).HasColumnName("opportunity_id").ValueGeneratedNever();
            entry.Property(e => e.CustomerId).HasColumnName("customer_id");
            entry.Property(e => e.OwnerId).HasColumnName("owner_id");
            entry.Property(e => e.Stage).HasColumnName("stage").HasConversion<string>();
            entry.Property(e => e.Probability).HasColumnName("probability");
            entry.Property(e => e.Amount).HasColumnName("amount");
            entry.Property(e => e.Currency).HasColumnName("currency");
            entry.Property(e => e.CloseOn).HasColumnName("close_on");
            entry.Property(e => e.ClosedOn).HasColumnName("closed_on");
            entry.Property(e => e.Version).HasColumnName("version");
            entry.Ignore(e => e.IsOpen);
        });
    }
}
