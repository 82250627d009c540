namespace CrmPlatform.AppHost.Demo;

/// <summary>The state a demo lead is left in.</summary>
internal enum DemoOutcome
{
    New,
    Qualified,
    Disqualified,
    Converted,
}
