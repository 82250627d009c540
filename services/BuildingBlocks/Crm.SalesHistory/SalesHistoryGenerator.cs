using Bogus;

namespace Crm.SalesHistory;

/// <summary>
/// Generates a sales history: teams of reps open deals evenly over the span, and each deal moves as
/// <see cref="SalesTruth"/> says, published as the events opportunities publishes. The same settings give the same
/// history; deals come one at a time, so that a large history is never held whole.
/// </summary>
public static class SalesHistoryGenerator
{
    /// <summary>The sales force of a history: <see cref="SalesHistorySettings.RepsPerTeam"/> reps in each team.</summary>
    public static IReadOnlyList<SalesRep> Reps(SalesHistorySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var random = new Random(settings.Seed);
        var truth = settings.Truth;
        var reps = new List<SalesRep>(settings.Teams * settings.RepsPerTeam);
        for (var t = 0; t < settings.Teams; t++)
        {
            var team = $"team-{t + 1:00}";
            var teamSkill = Draw.Normal(random) * truth.TeamSkillSpread;
            for (var r = 0; r < settings.RepsPerTeam; r++)
            {
                var optimism = truth.Optimism.Least + (random.NextDouble() * (truth.Optimism.Most - truth.Optimism.Least));
                reps.Add(new SalesRep(
                    $"rep-{reps.Count + 1:000}", team, teamSkill, Draw.Normal(random) * truth.RepSkillSpread,
                    Math.Exp(Draw.Normal(random) * truth.RepPaceSpread), optimism));
            }
        }

        return reps;
    }

    /// <summary>Every deal of the history, rep by rep, each rep's in the order they opened.</summary>
    public static IEnumerable<GeneratedDeal> Deals(SalesHistorySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reps = Reps(settings);
        var days = settings.To.DayNumber - settings.From.DayNumber + 1;
        var perRepPerDay = settings.Opportunities / (double)reps.Count / days;
        for (var i = 0; i < reps.Count; i++)
        {
            var random = new Random(Seeded(settings.Seed, i, 0));
            var names = new Faker { Random = new Randomizer(Seeded(settings.Seed, i, 1)) };
            var customers = Enumerable.Range(0, 60).Select(_ => Draw.Guid(random)).ToArray();
            for (var day = settings.From; day <= settings.To; day = day.AddDays(1))
            {
                for (var n = Draw.Poisson(random, perRepPerDay); n > 0; n--)
                {
                    var deal = new DealWalk(settings, reps[i], random, customers[random.Next(customers.Length)], day);
                    yield return deal.Walk($"{names.Company.CompanyName()}: {names.Commerce.ProductName()}");
                }
            }
        }
    }

    /// <summary>A seed for one rep's draws (HashCode differs from process to process, so it cannot make one).</summary>
    private static int Seeded(int seed, int rep, int use) => unchecked((((seed * 1_000_003) + rep) * 31) + use);
}
