using Crm.Api;
using Crm.Common.Grpc.V1;

namespace Crm.Api.Tests;

/// <summary>Regression: records at their largest made list responses pass the 4 MiB message limit and fail for every
/// caller. A page now stops at its byte budget and hands out the token to go on from.</summary>
public sealed class ResponseBudgetTests
{
    // 4000 three-byte characters: a note at its limit, 12 KB on the wire.
    private static readonly string Note = new('€', TextLimits.Note);

    private sealed record Row(long Position, PostalAddress Message);

    private static List<Row> Rows(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Row(1000 - i, new PostalAddress { Street = Note, City = Note, Region = Note, PostalCode = "1", Country = "DE" }))];

    [Fact]
    public void A_page_of_large_records_stops_at_its_budget_and_goes_on_from_the_last_one_given()
    {
        var fetched = Rows(51);

        var (page, next) = Paging.Cut(fetched, 50, r => r.Position, r => r.Message);

        Assert.InRange(page.Count, 1, 49);
        Assert.InRange(page.Sum(ResponseBudget.InList), 1, ResponseBudget.ListBytes);
        Assert.Equal(fetched[page.Count - 1].Position.ToString(System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void A_page_that_fits_ends_the_list_or_points_past_its_last_row()
    {
        var (all, end) = Paging.Cut(Rows(3), 50, r => r.Position, r => r.Message);
        var (first, more) = Paging.Cut(Rows(3), 2, r => r.Position, r => r.Message);

        Assert.Equal((3, string.Empty), (all.Count, end));
        Assert.Equal((2, "999"), (first.Count, more));
    }

    [Fact]
    public void A_list_is_cut_before_the_record_that_would_pass_the_budget_and_says_so()
    {
        var (fitted, truncated) = ResponseBudget.Fit(Rows(40).Select(r => r.Message));

        Assert.True(truncated);
        Assert.InRange(fitted.Sum(ResponseBudget.InList), ResponseBudget.ListBytes - ResponseBudget.InList(fitted[0]), ResponseBudget.ListBytes);
        Assert.False(ResponseBudget.Fit(Rows(2).Select(r => r.Message)).Truncated);
    }

    [Fact]
    public void A_shortened_text_never_splits_a_character()
    {
        var text = new string('a', 39) + "😀" + "tail";

        Assert.Equal(new string('a', 39) + "...", Echo.Shorten(text));
        Assert.Equal("short", Echo.Shorten("short"));
    }
}
