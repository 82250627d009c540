namespace Crm.Messaging.Audit;

/// <summary>
/// One line of a service's audit trail: who did what, when, from where, and what came of it. Never a token, and no
/// personal data beyond the caller's own name: a target is named by its id.
/// </summary>
public sealed record AuditRecord
{
    /// <summary>The position in the trail (a sequence), newest highest.</summary>
    public long Id { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The token's name; <see cref="AuditedCall.Anonymous"/> without a valid token.</summary>
    public required string Actor { get; init; }

    /// <summary>The caller's roles, comma-separated.</summary>
    public required string Roles { get; init; }

    /// <summary>The method called, <c>/package.Service/Method</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The records a write changed, as its events name them; null for a refusal.</summary>
    public string? Target { get; init; }

    public required AuditOutcome Outcome { get; init; }

    /// <summary>Why a call was refused.</summary>
    public string? Detail { get; init; }

    public required string Peer { get; init; }

    public string? TraceId { get; init; }
}
