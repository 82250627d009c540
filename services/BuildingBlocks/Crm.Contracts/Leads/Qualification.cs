namespace Crm.Contracts.Leads;

/// <summary>What Inside Sales learned: Budget, Authority, Need, Timing (BANT), urgency and extra requirements.</summary>
/// <param name="Budget">What the customer can spend, when known.</param>
/// <param name="HasAuthority">Whether the contact can make or sign the decision.</param>
/// <param name="Need">The problem the customer wants solved.</param>
/// <param name="DecisionBy">When the customer means to decide, when known.</param>
/// <param name="Urgency">1 (can wait) to 5 (urgent); 0 when not assessed. The leads API sends 1 (low), 3 (medium) or 5 (high).</param>
/// <param name="Requirements">Extra requirements discovered while qualifying.</param>
public sealed record Qualification(Money? Budget, bool HasAuthority, string Need, DateOnly? DecisionBy, int Urgency, IReadOnlyList<string> Requirements);
