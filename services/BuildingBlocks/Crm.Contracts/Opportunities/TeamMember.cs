namespace Crm.Contracts.Opportunities;

/// <summary>A member of a deal's team: who (a user id) and in which role.</summary>
public sealed record TeamMember(string MemberId, DealRole Role);
