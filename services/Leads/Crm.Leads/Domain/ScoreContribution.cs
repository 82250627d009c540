namespace Crm.Leads.Domain;

/// <summary>One reason a lead's score is what it is: the part it counts for (fit or engagement), why, and how many points.</summary>
public sealed record ScoreContribution(ScorePart Part, string Reason, int Points);
