extern alias service;

using Crm.Contracts.Support;
using Crm.Domain;
using service::Crm.Support.Domain;
using CaseStatus = service::Crm.Support.Domain.CaseStatus;
using InteractionChannel = service::Crm.Support.Domain.InteractionChannel;

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
        var toResolved = open.MoveTo(CaseStatus.Resolved, null, Opened.AddHours(1));
        Assert.Equal((DomainErrorKind.Invalid, "status"), (toResolved.Error?.Kind, toResolved.Error?.Field));
        Assert.False(open.IsResolved);

        var resolved = Problem();
        resolved.Resolve("Fixed", "tess.tech", Opened.AddHours(1));
        Assert.Equal(DomainErrorKind.Precondition, resolved.MoveTo(CaseStatus.InProgress, null, Opened.AddHours(2)).Error?.Kind);
        Assert.True(resolved.IsResolved);
    }

    [Fact]
    public void Escalating_raises_the_level_and_moving_to_the_same_status_changes_nothing()
    {
        var supportCase = Problem();
        supportCase.TakeDomainEvents();
        var version = supportCase.Version;

        Assert.True(supportCase.MoveTo(CaseStatus.Escalated, "Customer's line is down", Opened.AddHours(1)).IsDone);
        Assert.Equal((1, version + 1), (supportCase.EscalationLevel, supportCase.Version));
        var escalated = Assert.IsType<CaseEscalated>(Assert.Single(supportCase.TakeDomainEvents()));
        Assert.Equal((version + 1, 1, "Customer's line is down", CasePriority.Priority1), (escalated.Version, escalated.Level, escalated.Reason, escalated.Priority));

        Assert.True(supportCase.MoveTo(CaseStatus.Escalated, null, Opened.AddHours(2)).IsDone);
        Assert.Equal((1, version + 1), (supportCase.EscalationLevel, supportCase.Version));
        Assert.Empty(supportCase.PendingDomainEvents());
    }

    [Fact]
    public void A_priority_1_case_must_be_answered_within_an_hour_and_resolved_within_four()
    {
        var supportCase = Problem();
        Assert.Equal((Opened.AddHours(1), Opened.AddHours(4)), (supportCase.RespondBy, supportCase.ResolveBy));

        supportCase.TakeDomainEvents();

        var breaches = supportCase.RecordBreaches(Opened.AddHours(5));
        Assert.Equal([ServiceLevelTarget.FirstResponse, ServiceLevelTarget.Resolution], breaches.Select(b => b.Target));
        Assert.Equal([(ServiceLevelTarget.FirstResponse, 2L), (ServiceLevelTarget.Resolution, 3L)], supportCase.TakeDomainEvents().Cast<ServiceLevelBreached>().Select(b => (b.Target, b.Version)));
        Assert.Empty(supportCase.RecordBreaches(Opened.AddHours(6)));
        Assert.Empty(supportCase.PendingDomainEvents());
    }

    [Fact]
    public void The_first_interaction_answers_the_case_in_the_department_of_its_kind_and_each_tells_its_department_and_outcome()
    {
        var supportCase = Problem();
        supportCase.TakeDomainEvents();

        var first = supportCase.Log(InteractionChannel.OnSite, "Visited the plant", null, Contracts.ActivityOutcome.Held, "tess.tech", Opened.AddMinutes(30));
        var second = supportCase.Log(InteractionChannel.Phone, "Called back", Contracts.Department.CustomerService, null, "sam.service", Opened.AddMinutes(40));

        Assert.Equal((Contracts.Department.TechnicalSupport, Contracts.Department.CustomerService), (first.Department, second.Department));
        Assert.Equal((Opened.AddMinutes(30), 2L), (supportCase.RespondedAt, supportCase.Version));
        var logged = supportCase.TakeDomainEvents().Cast<InteractionLogged>().ToList();
        Assert.Equal(
            [
                (first.Id, Contracts.Support.InteractionChannel.Visit, Contracts.Department.TechnicalSupport, Contracts.ActivityOutcome.Held),
                (second.Id, Contracts.Support.InteractionChannel.Phone, Contracts.Department.CustomerService, (Contracts.ActivityOutcome?)null),
            ],
            logged.Select(l => (l.InteractionId, l.Channel, l.Department, l.Outcome)));
    }
}
