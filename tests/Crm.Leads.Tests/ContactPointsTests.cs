extern alias service;

using service::Crm.Leads.Domain;

namespace Crm.Leads.Tests;

/// <summary>The e-mail key de-duplication compares: one person, however their e-mail was typed (phones compare in E.164: PhonesTests).</summary>
public sealed class ContactPointsTests
{
    [Theory]
    [InlineData(" Greta.Lindqvist@Nordwind.EXAMPLE ", "greta.lindqvist@nordwind.example")]
    [InlineData("greta@nordwind.example", "greta@nordwind.example")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Email_keys_are_trimmed_and_lower_case(string? email, string? key) => Assert.Equal(key, ContactPoints.EmailKey(email));
}
