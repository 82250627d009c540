namespace Crm.Messaging.Inbox;

/// <summary>What became of a delivered event.</summary>
internal enum InboxOutcome
{
    /// <summary>Its effect committed with its inbox entry.</summary>
    Applied,

    /// <summary>The inbox already held it: acknowledged, nothing applied.</summary>
    Duplicate,

    /// <summary>Recorded, but not applied: its version was not newer than the one applied (<c>SkipsStaleVersions</c>).</summary>
    Stale,

    /// <summary>Its group failed and was rolled back: it must be applied alone, in a transaction of its own.</summary>
    Alone,
}
