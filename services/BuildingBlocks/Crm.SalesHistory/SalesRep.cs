namespace Crm.SalesHistory;

/// <summary>A generated rep: their team, and what the truth gives them.</summary>
/// <param name="UserId">The rep's user id (rep-007).</param>
/// <param name="Team">Their sales team (team-03).</param>
/// <param name="TeamSkill">Their team's shift of the log-odds of moving on.</param>
/// <param name="Skill">Their own shift of the same.</param>
/// <param name="Pace">Their factor on days in stage (below 1: faster).</param>
/// <param name="Optimism">The share of a deal's remaining time they expect when setting a close date.</param>
public sealed record SalesRep(string UserId, string Team, double TeamSkill, double Skill, double Pace, double Optimism);
