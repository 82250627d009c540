namespace Crm.Leads.Domain;

public enum CadenceStatus
{
    /// <summary>Its steps run; new leads of its segment join it.</summary>
    Active,

    /// <summary>Stopped by a person: no step runs any more.</summary>
    Stopped,
}
