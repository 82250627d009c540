using Crm.Forecasts.Domain;
using Crm.Forecasts.Domain.Flow;
using Crm.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Crm.Forecasts.Data;

/// <summary>The forecasts database: the read model of opportunities and their histories, with the inbox of the events it is built from.</summary>
internal sealed class ForecastsDbContext(DbContextOptions<ForecastsDbContext> options) : MessagingDbContext(options)
{
    public DbSet<ForecastEntry> Entries => Set<ForecastEntry>();

    public DbSet<DealStep> Steps => Set<DealStep>();
}
