namespace Crm.Web.Features.SignIn;

/// <summary>The access token of the person using this interactive session, taken from their cookie when it opened.</summary>
public sealed class SignedInUser
{
    public string? AccessToken { get; internal set; }
}
