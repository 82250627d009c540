using Crm.Api;
using Grpc.Core;

namespace Crm.Api.Tests;

/// <summary>The one rule for ids that every service applies (before, only one service refused the all-zero id).</summary>
public sealed class IdConversionsTests
{
    [Theory]
    [InlineData(null, "lead_id: is required")]
    [InlineData("", "lead_id: is required")]
    [InlineData("   ", "lead_id: is required")]
    [InlineData("00000000-0000-0000-0000-000000000000", "lead_id: '00000000-0000-0000-0000-000000000000' is not an id (a UUID)")]
    [InlineData("not-a-uuid", "lead_id: 'not-a-uuid' is not an id (a UUID)")]
    public void A_missing_all_zero_or_malformed_id_is_refused_naming_its_field(string? value, string detail)
    {
        var (id, status) = IdConversions.Read(value, "lead_id");
        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.Equal(detail, status.Detail);
        Assert.Equal(Guid.Empty, id);
    }

    [Fact]
    public void An_id_with_spaces_around_it_is_read()
    {
        var expected = Guid.CreateVersion7();
        var (id, status) = IdConversions.Read($"  {expected}  ", "lead_id");
        Assert.Equal(StatusCode.OK, status.StatusCode);
        Assert.Equal(expected, id);
    }

    [Fact]
    public void A_long_bad_id_is_echoed_only_in_part()
    {
        var (_, status) = IdConversions.Read(new string('x', 5000), "lead_id");
        Assert.True(status.Detail.Length < 100, status.Detail);
    }

    [Fact]
    public void An_optional_id_left_empty_is_none_and_a_bad_one_is_refused()
    {
        Assert.Equal((null, StatusCode.OK), Read(string.Empty));
        Assert.Equal((null, StatusCode.InvalidArgument), Read("00000000-0000-0000-0000-000000000000"));

        static (Guid?, StatusCode) Read(string value)
        {
            var (id, status) = IdConversions.ReadOptional(value, "opportunity_id");
            return (id, status.StatusCode);
        }
    }
}
