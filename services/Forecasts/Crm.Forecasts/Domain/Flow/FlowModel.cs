namespace Crm.Forecasts.Domain.Flow;

/// <summary>
/// How deals flow through the stages, learnt from what they did before a day: the company's flow, each team's leaning
/// on the company's, and each rep's leaning on their team's (<see cref="FlowSettings"/>).
/// </summary>
internal sealed class FlowModel
{
    private readonly FlowRates _company;
    private readonly Dictionary<string, FlowRates> _teams;
    private readonly Dictionary<(string Team, string Rep), FlowRates> _reps;

    private FlowModel(FlowRates company, Dictionary<string, FlowRates> teams, Dictionary<(string, string), FlowRates> reps)
    {
        (_company, _teams, _reps) = (company, teams, reps);
    }

    public static FlowModel Learn(IEnumerable<DealHistory> deals, DateOnly asOf, FlowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(deals);
        var reps = new Dictionary<(string Team, string Rep), FlowExperience>();
        foreach (var deal in deals.Where(d => d.OpenedOn < asOf))
        {
            var key = (deal.SalesTeam ?? string.Empty, deal.OwnerId);
            if (!reps.TryGetValue(key, out var experience))
            {
                reps[key] = experience = new FlowExperience();
            }

            experience.Add(deal, asOf);
        }

        var company = new FlowExperience();
        var teams = new Dictionary<string, FlowExperience>(StringComparer.Ordinal);
        foreach (var ((team, _), experience) in reps)
        {
            company.Add(experience);
            if (!teams.TryGetValue(team, out var sum))
            {
                teams[team] = sum = new FlowExperience();
            }

            sum.Add(experience);
        }

        var companyRates = FlowRates.Of(company);
        var teamRates = teams.ToDictionary(t => t.Key, t => FlowRates.Learn(t.Value, companyRates, settings), StringComparer.Ordinal);
        var repRates = reps.ToDictionary(r => r.Key, r => FlowRates.Learn(r.Value, teamRates[r.Key.Team], settings));
        return new FlowModel(companyRates, teamRates, repRates);
    }

    /// <summary>The flow of a rep's deals; a rep or team with no deals yet gets their team's or the company's.</summary>
    public FlowRates For(string? team, string rep) =>
        _reps.GetValueOrDefault((team ?? string.Empty, rep)) ?? _teams.GetValueOrDefault(team ?? string.Empty) ?? _company;
}
