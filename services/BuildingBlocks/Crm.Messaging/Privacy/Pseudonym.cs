namespace Crm.Messaging.Privacy;

/// <summary>What an erased value becomes: the same in every service for one request (so that records still match each
/// other), derived from the request's id alone, so nothing of the person can be read back from it.</summary>
public static class Pseudonym
{
    public static string Of(Guid requestId) => $"erased-{requestId.ToString("N")[^12..]}";
}
