namespace Crm.Leads.Domain;

public enum EnrollmentStatus
{
    /// <summary>The lead waits for its next step.</summary>
    Active,

    /// <summary>Every step reached the lead.</summary>
    Completed,

    /// <summary>The cadence stopped for the lead (<see cref="Enrollment.StopReason"/>), or was stopped for everyone.</summary>
    Stopped,
}
