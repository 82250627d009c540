namespace Crm.Support.Domain;

/// <summary>Where a case stands (stored as its name).</summary>
public enum CaseStatus
{
    Open,
    InProgress,
    WaitingOnCustomer,
    Escalated,
    Resolved,
}
