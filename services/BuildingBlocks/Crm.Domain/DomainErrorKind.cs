namespace Crm.Domain;

/// <summary>Why a rule refused a change; each kind becomes one gRPC status, in one place (Crm.Grpc).</summary>
public enum DomainErrorKind
{
    /// <summary>A value the rule does not take: the field is named.</summary>
    Invalid,

    /// <summary>Something the change needs does not exist.</summary>
    NotFound,

    /// <summary>The record's state does not allow the change (a resolved case, an invoice paid in full).</summary>
    Precondition,

    /// <summary>The record changed since the caller read it.</summary>
    Conflict,

    /// <summary>What the change would create exists already (a contact with that e-mail).</summary>
    Duplicate,

    /// <summary>The record is outside the caller's reach: another team's deal, a lead of another team.</summary>
    Forbidden,
}
