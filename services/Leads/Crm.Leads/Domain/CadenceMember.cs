namespace Crm.Leads.Domain;

/// <summary>Who an enrollment's member is: a lead, or a customer's contact (<see cref="KnownContact"/>).</summary>
public enum CadenceMember
{
    Lead,
    Contact,
}
