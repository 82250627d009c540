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
        // Columns are named by the snake-case convention, as in every service.
        modelBuilder.Entity<Deal>().ToTable("deals");
        modelBuilder.Entity<BookedOrder>().ToTable("booked_orders");
        modelBuilder.Entity<PipelineEntry>().ToTable("pipeline_entries").HasKey(e => e.OpportunityId);
    }
}
