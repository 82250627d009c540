namespace Crm.Identity.People;

/// <summary>One person of the demo company's directory.</summary>
public sealed record DemoPerson(string UserName, string DisplayName, IReadOnlyList<string> Roles, string? Team, string? Manager);
