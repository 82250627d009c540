namespace Crm.Forecasts.Domain.Activities;

/// <summary>What an interaction was, as the activity reports count it, whichever service logged it.</summary>
internal enum ActivityType
{
    Call,
    Meeting,
    Email,
    Letter,
    Chat,
    Note,
}
