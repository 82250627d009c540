using Crm.Forecasts.Domain;
using Crm.Forecasts.Domain.Activities;
using Crm.Forecasts.Domain.Flow;
using Crm.Forecasts.Domain.Quotas;
using Crm.Forecasts.Domain.Snapshots;
using Crm.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Crm.Forecasts.Data;

/// <summary>The forecasts database: the read model of opportunities and their histories, with the inbox of the events it is
/// built from, the interactions the activity reports count, the quotas sales managers set and the weekly snapshots (with the outbox of their events).</summary>
internal sealed class ForecastsDbContext(DbContextOptions<ForecastsDbContext> options) : MessagingDbContext(options)
{
    public DbSet<ForecastEntry> Entries => Set<ForecastEntry>();

    public DbSet<DealStep> Steps => Set<DealStep>();

    public DbSet<Quota> Quotas => Set<Quota>();

    public DbSet<ForecastSnapshot> Snapshots => Set<ForecastSnapshot>();

    public DbSet<SnapshotDeal> SnapshotDeals => Set<SnapshotDeal>();

    public DbSet<SnapshotRun> SnapshotRuns => Set<SnapshotRun>();

    public DbSet<LoggedActivity> Activities => Set<LoggedActivity>();

    public DbSet<DealTeamMember> TeamMembers => Set<DealTeamMember>();
}
