namespace Crm.Messaging.Audit;

/// <summary>What became of an audited call.</summary>
public enum AuditOutcome
{
    /// <summary>A write that was saved, with its record, in one transaction.</summary>
    Applied,

    /// <summary>A signed-in caller refused by the method table or by the service's own rule.</summary>
    Denied,

    /// <summary>A call without a valid access token.</summary>
    Unauthenticated,
}
