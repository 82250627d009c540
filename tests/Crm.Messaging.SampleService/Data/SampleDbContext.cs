using Crm.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Crm.Messaging.SampleService.Data;

public sealed class SampleDbContext(DbContextOptions<SampleDbContext> options) : MessagingDbContext(options)
{
    public DbSet<Deal> Deals => Set<Deal>();

    public DbSet<BookedOrder> BookedOrders => Set<BookedOrder>();

    public DbSet<PipelineEntry> PipelineEntries => Set<PipelineEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Deal>(deal =>
        {
            deal.ToTable("deals");
            deal.Property(d => d.Id).HasColumnName("id");
            deal.Property(d => d.CustomerId).HasColumnName("customer_id");
            deal.Property(d => d.Stage).HasColumnName("stage");
            deal.Property(d => d.Version).HasColumnName("version");
        });
        modelBuilder.Entity<BookedOrder>(order =>
        {
            order.ToTable("booked_orders");
            order.Property(o => o.Id).HasColumnName("id");
            order.Property(o => o.EventId).HasColumnName("event_id");
            order.Property(o => o.OpportunityId).HasColumnName("opportunity_id");
            order.Property(o => o.CustomerId).HasColumnName("customer_id");
            order.Property(o => o.Total).HasColumnName("total");
            order.Property(o => o.Currency).HasColumnName("currency");
            order.Property(o => o.TraceId).HasColumnName("trace_id");
        });
        modelBuilder.Entity<PipelineEntry>(entry =>
        {
            entry.ToTable("pipeline_entries");
            entry.HasKey(e => e.OpportunityId);
            entry.Property(e => e.OpportunityId).HasColumnName("opportunity_id");
            entry.Property(e => e.Stage).HasColumnName("stage");
            entry.Property(e => e.Version).HasColumnName("version");
            entry.Property(e => e.Applied).HasColumnName("applied");
        });
    }
}
