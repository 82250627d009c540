using Crm.Domain;

namespace Crm.Opportunities.Tests.Domain;

/// <summary>Which teams' records a person works, and which branch of their hierarchy each team rolls up to.</summary>
public sealed class SalesReachTests
{
    private static readonly SalesReach Director = new(false, "east", null) { Below = ["metro", "metro/harbour", "upstate"] };

    [Fact]
    public void A_manager_covers_their_team_and_every_team_below_and_no_other()
    {
        Assert.Equal(["east", "metro", "harbour", "upstate"], Director.Teams, StringComparer.Ordinal);
        Assert.True(Director.Covers("harbour", "someone"));
        Assert.False(Director.Covers("north", "someone"));
        Assert.False(Director.Covers(null, null));
    }

    [Fact]
    public void Each_team_rolls_up_to_the_team_directly_below_the_person_whose_part_of_the_hierarchy_holds_it()
    {
        Assert.Equal("east", Director.BranchOf("east"));
        Assert.Equal("metro", Director.BranchOf("metro"));
        Assert.Equal("metro", Director.BranchOf("harbour"));
        Assert.Equal("upstate", Director.BranchOf("upstate"));
        Assert.Null(Director.BranchOf("north"));
        Assert.Null(Director.BranchOf(null));
    }

    [Fact]
    public void A_team_takes_in_the_teams_below_it_as_far_as_the_hierarchy_under_the_person_shows()
    {
        Assert.Equal(["east", "metro", "harbour", "upstate"], Director.TeamsUnder("east"), StringComparer.Ordinal);
        Assert.Equal(["metro", "harbour"], Director.TeamsUnder("metro"), StringComparer.Ordinal);
        Assert.Equal(["harbour"], Director.TeamsUnder("harbour"), StringComparer.Ordinal);
        Assert.Equal(["north"], Director.TeamsUnder("north"), StringComparer.Ordinal);
    }

    [Fact]
    public void A_rep_covers_their_team_and_their_own_records()
    {
        var rep = new SalesReach(false, "north", "nora");

        Assert.Equal(["north"], rep.Teams, StringComparer.Ordinal);
        Assert.True(rep.Covers("south", "nora"));
        Assert.False(rep.Covers("south", "sven"));
        Assert.Equal("their own and team north's", rep.ToString());
    }
}
