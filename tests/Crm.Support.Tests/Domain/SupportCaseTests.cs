extern alias service;

using Crm.Contracts.Support;
using Crm.Domain;
using service::Crm.Support.Domain;

namespace Crm.Support.Tests.Domain;

/// <summary>The case's rules as a plain object: no database, no gRPC.</summary>
public sealed class SupportCaseTests
{
    private static readonly DateTimeOffset Opened = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static SupportCase Problem() => SupportCase.Open(Guid.NewGuid(), CaseKind.Problem, 1, "Line stopped", "", "tess.tech", Opened);

    [Fact]
    public void A_case_is_resolved_once()
    {
        var supportCase = Problem();
        Assert.True(supportCase.Resolve("Replaced the sensor", "tess.tech", Opened.AddHours(2)).IsDone);
        var version = supportCase.Version;

        var again = supportCase.Resolve("Replaced it again", "sam.service", Opened.AddHours(3));

        Assert.Equal(DomainErrorKind.Precondition, again.Error?.Kind);
        Assert.Equal(("Replaced the sensor", "tess.tech", version), (supportCase.Resolution, supportCase.ResolvedBy, supportCase.Version));
    }

    [Fact]
    public void A_resolved_case_keeps_its_status_and_nothing_moves_a_case_to_resolved()
    {
        var open = Problem();
        var toResolved = open.MoveTo(CaseStatus.Resolved);
        Assert.Equal((DomainErrorKind.Invalid, "status"), (toResolved.Error?.Kind, toResolved.Error?.Field));
        Assert.False(open.IsResolved);

        var resolved = Problem();
        resolved.Resolve("Fixed", "tess.tech", Opened.AddHours(1));
        Assert.Equal(DomainErrorKind.Precondition, resolved.MoveTo(CaseStatus.InProgress).Error?.Kind);
        Assert.True(resolved.IsResolved);
    }

    [Fact]
    public void Escalating_raises_the_level_and_moving_to_the_same_status_changes_nothing()
    {
        var supportCase = Problem();
        var version = supportCase.Version;

        Assert.True(supportCase.MoveTo(CaseStatus.Escalated).IsDone);
        Assert.Equal((1, version + 1), (supportCase.EscalationLevel, supportCase.Version));

        Assert.True(supportCase.MoveTo(CaseStatus.Escalated).IsDone);
        Assert.Equal((1, version + 1), (supportCase.EscalationLevel, supportCase.Version));
    }

    [Fact]
    public void A_priority_1_case_must_be_answered_within_an_hour_and_resolved_within_four()
    {
        var supportCase = Problem();
        Assert.Equal((Opened.AddHours(1), Opened.AddHours(4)), (supportCase.RespondBy, supportCase.ResolveBy));

        var breaches = supportCase.RecordBreaches(Opened.AddHours(5));
        Assert.Equal([ServiceLevelTarget.FirstResponse, ServiceLevelTarget.Resolution], breaches.Select(b => b.Target));
        Assert.Empty(supportCase.RecordBreaches(Opened.AddHours(6)));
    }
}
