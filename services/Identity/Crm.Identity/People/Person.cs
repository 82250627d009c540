namespace Crm.Identity.People;

/// <summary>Someone who signs in: their user name (the tokens' subject), roles, team and manager.</summary>
public sealed class Person
{
    private Person()
    {
    }

    public Guid Id { get; private set; }

    public string UserName { get; private set; } = string.Empty;

    public string DisplayName { get; private set; } = string.Empty;

    /// <summary>ASP.NET Core Identity's hash (PBKDF2 with a salt), never the password.</summary>
    public string PasswordHash { get; private set; } = string.Empty;

    public IList<string> Roles { get; private set; } = [];

    /// <summary>The sales team they belong to, if any.</summary>
    public string? Team { get; private set; }

    /// <summary>The user name of their manager, if any: the hierarchy that reports roll up.</summary>
    public string? Manager { get; private set; }

    /// <summary>Wrong passwords given since the last sign-in or lock-out.</summary>
    public int FailedSignIns { get; private set; }

    /// <summary>Until when sign-ins are refused after too many wrong passwords (<see cref="SignInLockout"/> counts them).</summary>
    public DateTimeOffset? LockedUntil { get; private set; }

    public static Person Create(string userName, string displayName, IReadOnlyList<string> roles, string? team, string? manager) => new()
    {
        Id = Guid.CreateVersion7(),
        UserName = userName,
        DisplayName = displayName,
        Roles = [.. roles],
        Team = Checked(team),
        Manager = manager,
    };

    public void SetPasswordHash(string hash) => PasswordHash = hash;

    /// <summary>Takes the directory's current roles, team and manager.</summary>
    public void Assign(string displayName, IReadOnlyList<string> roles, string? team, string? manager)
    {
        DisplayName = displayName;
        Roles = [.. roles];
        Team = Checked(team);
        Manager = manager;
    }

    /// <summary>A team's name is a step of the paths in the tokens' teams below (<see cref="SalesHierarchy"/>): it
    /// cannot hold their separator.</summary>
    private static string? Checked(string? team) => team is not null && team.Contains(Crm.Domain.SalesReach.PathSeparator, StringComparison.Ordinal)
        ? throw new ArgumentException($"a team's name cannot hold '{Crm.Domain.SalesReach.PathSeparator}': {team}", nameof(team))
        : team;
}
