namespace Crm.Leads.Domain;

/// <summary>Why Inside Sales ended a lead; stored by name, published as <see cref="DisqualificationReasons.ToWireName"/>.</summary>
public enum DisqualificationReason
{
    Unspecified,
    NoBudget,
    NoAuthority,
    NoNeed,
    BadTiming,
    ChoseCompetitor,
    InvalidContact,
    OptedOut,
    OtherReason,
}
