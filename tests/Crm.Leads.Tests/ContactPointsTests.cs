extern alias service;

using service::Crm.Leads.Domain;

namespace Crm.Leads.Tests;

/// <summary>The keys de-duplication compares: one person, however their e-mail or phone was typed.</summary>
public sealed class ContactPointsTests
{
    [Theory]
    [InlineData(" Greta.Lindqvist@Nordwind.EXAMPLE ", "greta.lindqvist@nordwind.example")]
    [InlineData("greta@nordwind.example", "greta@nordwind.example")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Email_keys_are_trimmed_and_lower_case(string? email, string? key) => Assert.Equal(key, ContactPoints.EmailKey(email));

    [Theory]
    [InlineData("+49 (30) 1234-567", "+49301234567")]
    [InlineData(" +49.30.1234567 ", "+49301234567")]
    [InlineData("030 1234567", "0301234567")]
    [InlineData("1-800-FLOWERS 356", "1800356")]
    [InlineData("", null)]
    public void Phone_keys_keep_the_digits_and_a_leading_plus(string phone, string? key) => Assert.Equal(key, ContactPoints.PhoneKey(phone));
}
