using Crm.Contracts.Leads;

namespace Crm.Leads.Domain;

/// <summary>A person a cadence touches: a lead, or a customer's contact (<see cref="KnownContact"/>). Each keeps its own
/// rules for when drip marketing must stop and how it can be reached.</summary>
public interface IDripRecipient
{
    /// <summary>The person's name as an e-mail addresses them.</summary>
    string FullName { get; }

    /// <summary>Their e-mail address, if any.</summary>
    string? Email { get; }

    /// <summary>Why drip marketing must not touch this person any more, or null while it may.</summary>
    string? DripStopReason();

    /// <summary>Whether a touch on <paramref name="channel"/> can reach them (an e-mail needs an address, a call a phone).</summary>
    bool Reaches(TouchChannel channel);

    /// <summary>The touch that step <paramref name="stepNumber"/> of <paramref name="cadence"/> sends them, its text filled
    /// in with their names.</summary>
    Touch TouchFor(Cadence cadence, int stepNumber, DateTimeOffset at, string? optOutToken);

    /// <summary>Records a touch sent, which the other services learn from TouchSent.</summary>
    void RecordTouch(Touch touch);

    /// <summary>Records that they opted out of e-mail through the link of a drip e-mail; saying it twice changes nothing.</summary>
    void Unsubscribe(DateTimeOffset at);
}
