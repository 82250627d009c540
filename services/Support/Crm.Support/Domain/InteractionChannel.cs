namespace Crm.Support.Domain;

/// <summary>How the customer and we spoke; stored by name.</summary>
public enum InteractionChannel
{
    Unspecified,
    Phone,
    Email,
    Chat,
    OnSite,
    Portal,
}
