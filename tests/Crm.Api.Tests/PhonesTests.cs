using Crm.Api;

namespace Crm.Api.Tests;

/// <summary>Phone numbers in E.164 however they were written; what no country has is refused.</summary>
public sealed class PhonesTests
{
    [Theory]
    [InlineData("+49 (30) 1234-567", null, "+49301234567")]
    [InlineData(" +49.30.1234567 ", null, "+49301234567")]
    [InlineData("+4930 1234567", "FR", "+49301234567")]
    [InlineData("030 1234567", "DE", "+49301234567")]
    [InlineData("(650) 253-0000", "US", "+16502530000")]
    [InlineData("+44 20 7946 0958", null, "+442079460958")]
    public void A_number_is_kept_in_E164(string written, string? country, string e164) => Assert.Equal(e164, Phones.ToE164(written, country));

    [Theory]
    [InlineData("030 1234567", null)]
    [InlineData("ext. 12", "DE")]
    [InlineData("+49 30", null)]
    [InlineData("+999 123456789", null)]
    [InlineData("1-800-FLOWERS 356 356 356 356", "US")]
    [InlineData("030 1234567", "Germany")]
    public void What_is_not_a_valid_number_of_its_country_is_refused(string written, string? country) => Assert.Null(Phones.ToE164(written, country));
}
