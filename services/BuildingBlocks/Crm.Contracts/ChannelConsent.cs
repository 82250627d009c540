namespace Crm.Contracts;

/// <summary>
/// What a person said about being contacted on one channel: consent given (with where it was given) or withdrawn (an
/// opt-out). The latest word on a channel stands; a channel with none has neither consent nor objection on record.
/// </summary>
/// <param name="Channel">The channel.</param>
/// <param name="Granted">True for consent, false for an opt-out.</param>
/// <param name="Source">Where it was said (a web form, a call, an unsubscribe link); required for consent.</param>
/// <param name="RecordedBy">Who recorded it.</param>
/// <param name="RecordedAt">When.</param>
public sealed record ChannelConsent(ContactChannel Channel, bool Granted, string? Source, string RecordedBy, DateTimeOffset RecordedAt)
{
    /// <summary>The opt-out of e-mail that the link in a marketing e-mail records (one click, or the page's button).</summary>
    public static ChannelConsent Unsubscribed(DateTimeOffset at) => new(ContactChannel.Email, Granted: false, "unsubscribe link", "opt-out link", at);

    /// <summary><paramref name="consents"/> with <paramref name="latest"/> in place of what was on record for its channel, in channel order.</summary>
    public static ChannelConsent[] Record(IReadOnlyList<ChannelConsent> consents, ChannelConsent latest)
    {
        ArgumentNullException.ThrowIfNull(consents);
        ArgumentNullException.ThrowIfNull(latest);
        return [.. consents.Where(c => c.Channel != latest.Channel).Append(latest).OrderBy(c => c.Channel)];
    }

    /// <summary>Whether <paramref name="consents"/> already say what <paramref name="word"/> says on its channel (a repeat changes nothing).</summary>
    public static bool IsOnRecord(IReadOnlyList<ChannelConsent> consents, ChannelConsent word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return consents?.FirstOrDefault(c => c.Channel == word.Channel) is { } current && current.Granted == word.Granted && current.Source == word.Source;
    }

    /// <summary>Whether <paramref name="consents"/> hold an opt-out of <paramref name="channel"/>.</summary>
    public static bool OptedOut(IReadOnlyList<ChannelConsent> consents, ContactChannel channel) =>
        consents?.Any(c => c.Channel == channel && !c.Granted) == true;
}
