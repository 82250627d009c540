using Crm.Contracts;

namespace Crm.Leads.Domain;

/// <summary>
/// A lead's score from 0 to 100 that explains itself: fit (who they are, up to 60) and engagement (what they did, up to
/// 40), each point listed with its reason. The rules are here and nowhere else; <see cref="Rules"/> numbers them, so
/// that leads scored by older rules are scored again.
/// </summary>
public sealed record LeadScore(int Total, IReadOnlyList<ScoreContribution> Contributions)
{
    /// <summary>The version of the rules below; raise it when they change.</summary>
    public const int Rules = 1;

    private const int MostFit = 60;
    private const int MostEngagement = 40;
    private const int PointsPerCall = 10;
    private const int MostForCalls = 20;
    private const int PointsPerMeeting = 15;
    private const int MostForMeetings = 30;

    public static readonly LeadScore None = new(0, []);

    public static LeadScore Of(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var fit = Fit(lead).ToList();
        var engagement = Engagement(lead).ToList();
        var total = Math.Clamp(Math.Min(fit.Sum(c => c.Points), MostFit) + Math.Clamp(engagement.Sum(c => c.Points), -MostEngagement, MostEngagement), 0, 100);
        return new LeadScore(total, [.. fit, .. engagement]);
    }

    private static IEnumerable<ScoreContribution> Fit(Lead lead)
    {
        var size = lead.Company.EmployeeCount switch
        {
            >= 1000 => ("1,000 employees or more", 15),
            >= 250 => ("250 employees or more", 10),
            >= 50 => ("50 employees or more", 5),
            _ => (null, 0),
        };
        if (size.Item1 is { } company)
        {
            yield return new ScoreContribution(ScorePart.Fit, company, size.Item2);
        }

        var role = lead.Contact.BuyingRole switch
        {
            BuyingRole.EconomicBuyer => ("economic buyer", 15),
            BuyingRole.DecisionMaker => ("decision maker", 15),
            BuyingRole.TechnicalEvaluator => ("technical evaluator", 10),
            BuyingRole.Influencer => ("influencer", 5),
            _ => (null, 0),
        };
        if (role.Item1 is { } person)
        {
            yield return new ScoreContribution(ScorePart.Fit, $"the person is the {person}", role.Item2);
        }

        if (lead.Qualification is not { } bant)
        {
            yield break;
        }

        if (bant.Budget is { Amount: > 0 })
        {
            yield return new ScoreContribution(ScorePart.Fit, "has a budget", 10);
        }

        if (bant.HasAuthority)
        {
            yield return new ScoreContribution(ScorePart.Fit, "speaks with authority to buy", 10);
        }

        if (bant.DecisionBy is { } decision && lead.QualifiedAt is { } qualified
            && decision >= DateOnly.FromDateTime(qualified.UtcDateTime) && decision <= DateOnly.FromDateTime(qualified.UtcDateTime).AddDays(90))
        {
            yield return new ScoreContribution(ScorePart.Fit, "decides within 90 days of qualification", 5);
        }

        if (bant.Urgency >= 4)
        {
            yield return new ScoreContribution(ScorePart.Fit, "urgent", 5);
        }
    }

    private static IEnumerable<ScoreContribution> Engagement(Lead lead)
    {
        if (lead.CallsAnswered > 0)
        {
            yield return new ScoreContribution(ScorePart.Engagement, $"{lead.CallsAnswered} call(s) answered", Math.Min(lead.CallsAnswered * PointsPerCall, MostForCalls));
        }

        if (lead.Meetings > 0)
        {
            yield return new ScoreContribution(ScorePart.Engagement, $"{lead.Meetings} meeting(s) scheduled", Math.Min(lead.Meetings * PointsPerMeeting, MostForMeetings));
        }

        if (lead.Consents.Any(c => !c.Granted))
        {
            yield return new ScoreContribution(ScorePart.Engagement, "opted out", -10);
        }
    }
}
