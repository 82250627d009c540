namespace Crm.Leads.Features.Cadences;

/// <summary>How far a cadence has gone: leads that joined, went through every step, or were stopped for; touches sent.</summary>
internal sealed record CadenceCounts(long Enrolled, long Completed, long StoppedForLead, long TouchesSent)
{
    public static readonly CadenceCounts None = new(0, 0, 0, 0);
}
