using System.Data.Common;
using CrmPlatform.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Quartz;

namespace Crm.Leads.Features.Cadences;

/// <summary>
/// Drip marketing's wiring: a Quartz scheduler clustered over the leads database (every replica runs one; the job
/// store's locks let one sweep run at a time), the sweep, e-mail over SMTP and the opt-out page.
/// </summary>
public static class DripExtensions
{
    /// <summary>The scheduler's name: the same on every replica, which is what makes them one cluster.</summary>
    public const string Scheduler = "crm-leads-drip";

    public static WebApplicationBuilder AddDripMarketing(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(DripOptions.Section);
        builder.Services.AddOptions<DripOptions>().Bind(section)
            .Validate(o => o.SweepInterval >= TimeSpan.FromSeconds(1) && o.BatchSize is > 0 and <= 1_000, "Drip: SweepInterval of 1 s or more, BatchSize of 1 to 1,000")
            .ValidateOnStart();
        builder.Services.AddScoped<DripSweeper>();
        builder.Services.AddScoped<TouchDelivery>();
        builder.Services.AddDatabaseMigrations("Quartz", QuartzSchema.Migrations);

        // The job store takes its connections from the service's own data source, as a DbDataSource.
        builder.Services.TryAddSingleton<DbDataSource>(services => services.GetRequiredService<NpgsqlDataSource>());

        var interval = section.GetValue(nameof(DripOptions.SweepInterval), new DripOptions().SweepInterval);
        builder.Services.AddQuartz(Scheduler, q =>
        {
            // The scheduler keeps real time (its cluster's check-ins must); the sweep reads the service's clock.
            q.UseTimeProvider(TimeProvider.System);
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(postgres => postgres.UseRegisteredDataSource = true);
                store.UseClustering(cluster =>
                {
                    cluster.CheckinInterval = TimeSpan.FromSeconds(10);
                    cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(20);
                });
                store.ConfigureStore(o => o.TablePrefix = QuartzSchema.TablePrefix);
            });
            q.AddJob<DripSweepJob>(job => job.WithIdentity(DripSweepJob.Key).StoreDurably());
            q.AddTrigger(trigger => trigger
                .ForJob(DripSweepJob.Key)
                .WithIdentity("drip-sweep-every", "drip")
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()));
        });
        builder.Services.AddHostedService<DripScheduling>();
        return builder;
    }
}
