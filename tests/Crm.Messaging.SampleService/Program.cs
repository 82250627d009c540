using System.Globalization;
using Crm.Messaging.SampleService;
using Crm.Messaging.SampleService.Data;
using Crm.Messaging.SampleService.Deals;
using CrmPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// publish COUNT: wins deals 0..COUNT-1 (those not won yet), prints "committed N" as it goes, then "drained" once
//                the relay has published every one, and exits.
// consume:       books orders until it is stopped (or killed).
var mode = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
switch (mode)
{
    case "publish":
    {
        var count = int.Parse(rest[0], CultureInfo.InvariantCulture);
        using var host = SampleHost.CreatePublisher(rest[1..]).Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<DatabaseSchema>().Ready;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
            var won = (await db.Deals.Select(d => d.Id).ToListAsync()).ToHashSet();
            for (var number = 0; number < count; number++)
            {
                if (won.Contains(DealDesk.DealId(number)))
                {
                    continue;
                }

                await DealDesk.WinAsync(db, number, CancellationToken.None);
                db.ChangeTracker.Clear();
                Console.WriteLine($"committed {number + 1}");
            }
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
            while (await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE sent_at IS NULL").SingleAsync() > 0)
            {
                await Task.Delay(50);
            }
        }

        Console.WriteLine("drained");
        await host.StopAsync();
        return 0;
    }

    case "consume":
    {
        using var host = SampleHost.CreateConsumer(rest).Build();
        await host.RunAsync();
        return 0;
    }

    default:
        await Console.Error.WriteLineAsync("usage: Crm.Messaging.SampleService publish COUNT | consume");
        return 2;
}
