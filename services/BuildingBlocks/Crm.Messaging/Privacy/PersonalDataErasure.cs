namespace Crm.Messaging.Privacy;

/// <summary>That this service applied an erasure, and when: the progress an administrator follows (table
/// <c>personal_data_erasures</c>, migration 0004). It names the request only, not the person.</summary>
public sealed class PersonalDataErasure
{
    public Guid RequestId { get; init; }

    public DateTimeOffset RequestedAt { get; init; }

    public DateTimeOffset ErasedAt { get; init; }

    /// <summary>The records pseudonymised.</summary>
    public int Records { get; init; }
}
