namespace Crm.Leads.Domain;

/// <summary>Where a lead is in its life; stored by name.</summary>
public enum LeadStatus
{
    /// <summary>Not set (an unknown value); no stored lead has it.</summary>
    Unspecified,

    /// <summary>A suspect: captured, not yet qualified.</summary>
    New,

    /// <summary>Budget, authority, need and timing are known.</summary>
    Qualified,

    /// <summary>Ended with a reason.</summary>
    Disqualified,

    /// <summary>Turned into an opportunity of a customer account.</summary>
    Converted,
}
