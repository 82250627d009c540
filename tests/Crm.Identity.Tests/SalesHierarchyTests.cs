extern alias service;

using service::Crm.Identity.People;

namespace Crm.Identity.Tests;

/// <summary>The teams below a person, from who reports to whom in the directory.</summary>
public sealed class SalesHierarchyTests
{
    private static readonly SalesHierarchy Company = new(
    [
        ("vera", null, null),
        ("dora", "west", "vera"),
        ("walt", "west", "dora"),
        ("mo", "coast", "dora"),
        ("cody", "coast", "mo"),
        ("hal", "harbour", "mo"),
        ("pia", null, "mo"),
        ("nell", "north", "vera"),
    ]);

    [Fact]
    public void Each_team_below_is_named_by_its_path_of_teams_down_from_the_person()
    {
        Assert.Equal(["north", "west", "west/coast", "west/coast/harbour"], Company.TeamsBelow("vera", null), StringComparer.Ordinal);
        Assert.Equal(["coast", "coast/harbour"], Company.TeamsBelow("dora", "west"), StringComparer.Ordinal);
        Assert.Equal(["harbour"], Company.TeamsBelow("mo", "coast"), StringComparer.Ordinal);
        Assert.Empty(Company.TeamsBelow("cody", "coast"));
        Assert.Empty(Company.TeamsBelow("nobody", null));
    }

    [Fact]
    public void A_loop_in_the_directory_is_walked_once()
    {
        var looped = new SalesHierarchy([("a", "one", "b"), ("b", "two", "a")]);

        Assert.Equal(["two"], looped.TeamsBelow("a", "one"), StringComparer.Ordinal);
    }
}
