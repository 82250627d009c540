namespace Crm.Support.Features.ServiceLevels;

/// <summary>The support service's settings, from the <c>Support</c> section.</summary>
public sealed class SupportOptions
{
    public const string Section = "Support";

    /// <summary>How often unresolved cases are checked against their service-level targets.</summary>
    public TimeSpan ServiceLevelCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Cases checked per transaction; the check goes on until none is left.</summary>
    public int ServiceLevelCheckBatchSize { get; set; } = 100;
}
