using Crm.Common.Grpc.V1;
using Grpc.Core;
using Crm.Support.Grpc.V1;
using Crm.Testing;

namespace Crm.Support.Tests;

public sealed class CaseTests(CrmTestServers servers) : IAsyncLifetime
{
    private SupportHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SupportHost.StartAsync(servers, nameof(CaseTests));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Theory]
    [InlineData(1, 1, 4)]
    [InlineData(2, 4, 24)]
    [InlineData(3, 24, 72)]
    [InlineData(4, 48, 240)]
    public async Task Opening_a_case_sets_the_service_level_targets_of_its_priority(int priority, int respondHours, int resolveHours)
    {
        var customer = await _host.KnownCustomerAsync();

        var opened = await _host.Client.OpenProblemAsync(customer, priority);

        Assert.Equal(CaseStatus.CaseOpen, opened.Status);
        Assert.Equal(priority, opened.Priority);
        Assert.Equal(SupportClient.Agent, opened.AssigneeId);
        Assert.Equal(TimeSpan.FromHours(respondHours), opened.RespondBy.ToDateTimeOffset() - opened.OpenedAt.ToDateTimeOffset());
        Assert.Equal(TimeSpan.FromHours(resolveHours), opened.ResolveBy.ToDateTimeOffset() - opened.OpenedAt.ToDateTimeOffset());
        Assert.Equal(1, opened.Version);
        Assert.Equal(opened, await _host.Client.GetCaseAsync(opened.CaseId));
        var @event = await _host.Service.PublishedAsync("CaseOpened", Guid.Parse(opened.CaseId), version: 1);
        Assert.Equal($"Priority{priority}", @event.Body.GetProperty("priority").GetString());
        Assert.Equal("Problem", @event.Body.GetProperty("kind").GetString());
        Assert.Equal(opened.ResolveBy.ToDateTimeOffset(), @event.Body.GetProperty("resolveBy").GetDateTimeOffset());
    }

    [Fact]
    public async Task Escalating_publishes_CaseEscalated_and_a_stale_version_is_aborted()
    {
        var opened = await _host.Client.OpenProblemAsync(await _host.KnownCustomerAsync());

        var working = await _host.Client.UpdateCaseStatusAsync(new UpdateCaseStatusRequest { CaseId = opened.CaseId, Status = CaseStatus.InProgress, ExpectedVersion = 1 });
        var escalated = await _host.Client.UpdateCaseStatusAsync(new UpdateCaseStatusRequest
        {
            CaseId = opened.CaseId, Status = CaseStatus.Escalated, Note = "second-level: firmware", ExpectedVersion = working.Version,
        });

        Assert.Equal(2, working.Version);
        Assert.Equal(CaseStatus.Escalated, escalated.Status);
        Assert.Equal(3, escalated.Version);
        Assert.Equal((1, escalated.OpenedAt), (escalated.EscalationLevel, escalated.EscalatedAt));
        var @event = await _host.Service.PublishedAsync("CaseEscalated", Guid.Parse(opened.CaseId), version: 3);
        Assert.Equal(1, @event.Body.GetProperty("level").GetInt32());
        Assert.Equal("second-level: firmware", @event.Body.GetProperty("reason").GetString());
        Assert.Equal(SupportClient.Agent, @event.Body.GetProperty("assignedTo").GetString());

        var stale = await Refused.WithAsync(StatusCode.Aborted, () => _host.Client.UpdateCaseStatusAsync(
            new UpdateCaseStatusRequest { CaseId = opened.CaseId, Status = CaseStatus.WaitingOnCustomer, ExpectedVersion = 2 }));
        Assert.Contains("version 3", stale.Detail, StringComparison.Ordinal);
        var unchanged = await _host.Client.UpdateCaseStatusAsync(new UpdateCaseStatusRequest { CaseId = opened.CaseId, Status = CaseStatus.Escalated });
        Assert.Equal(escalated, unchanged);
        Assert.Equal(["CaseOpened", "CaseEscalated"], (await _host.Service.EventsAsync()).Where(e => e.AggregateId == Guid.Parse(opened.CaseId)).Select(e => e.Type).ToArray());
    }

    [Fact]
    public async Task A_resolved_case_is_resolved_once_and_its_status_no_longer_changes()
    {
        var opened = await _host.Client.OpenProblemAsync(await _host.KnownCustomerAsync(), priority: 2);

        await Refused.WithAsync(StatusCode.InvalidArgument, () => _host.Client.ResolveCaseAsync(new ResolveCaseRequest { CaseId = opened.CaseId, Resolution = " " }), "resolution");
        await Refused.WithAsync(StatusCode.Aborted, () => _host.Client.ResolveCaseAsync(new ResolveCaseRequest { CaseId = opened.CaseId, Resolution = "x", ExpectedVersion = 7 }));
        var resolved = await _host.Client.ResolveCaseAsync(new ResolveCaseRequest { CaseId = opened.CaseId, Resolution = "Firmware 2.4.1 rolled out", ExpectedVersion = 1 });

        Assert.Equal(CaseStatus.Resolved, resolved.Status);
        Assert.Equal("Firmware 2.4.1 rolled out", resolved.Resolution);
        Assert.NotNull(resolved.ResolvedAt);
        Assert.Equal(SupportClient.Agent, resolved.ResolvedBy);
        Assert.Equal(2, resolved.Version);
        var @event = await _host.Service.PublishedAsync("CaseResolved", Guid.Parse(opened.CaseId), version: 2);
        Assert.Equal(SupportClient.Agent, @event.Body.GetProperty("resolvedBy").GetString());
        await Refused.WithAsync(StatusCode.FailedPrecondition, () => _host.Client.UpdateCaseStatusAsync(new UpdateCaseStatusRequest { CaseId = opened.CaseId, Status = CaseStatus.InProgress }));
        await Refused.WithAsync(StatusCode.FailedPrecondition, () => _host.Client.ResolveCaseAsync(new ResolveCaseRequest { CaseId = opened.CaseId, Resolution = "again" }));
        Assert.Equal(resolved, await _host.Client.GetCaseAsync(opened.CaseId));
    }

    [Fact]
    public async Task Interactions_land_on_the_case_with_the_department_and_the_first_answers_it()
    {
        var customer = await _host.KnownCustomerAsync();
        var opened = await _host.Client.OpenProblemAsync(customer);

        var call = await _host.Client.LogInteractionAsync(new LogInteractionRequest { CaseId = opened.CaseId, Channel = InteractionChannel.Phone, Summary = "Customer reports all units offline" });
        _host.Clock.Advance(TimeSpan.FromMinutes(5));
        var mail = await _host.Client.LogInteractionAsync(new LogInteractionRequest
        {
            CaseId = opened.CaseId, Channel = InteractionChannel.Email, Summary = "Sent the firmware notes", Department = Department.CustomerService,
        });

        Assert.Equal(Department.TechnicalSupport, call.Department);
        Assert.Equal(SupportClient.Agent, call.LoggedBy);
        Assert.Equal(customer.ToString(), call.CustomerId);
        Assert.Equal(Department.CustomerService, mail.Department);
        var withInteractions = await _host.Client.GetCaseAsync(opened.CaseId);
        Assert.Equal([mail, call], withInteractions.Interactions);
        Assert.Equal(2, withInteractions.Version);
        var logged = await _host.Service.PublishedAsync("InteractionLogged", Guid.Parse(call.InteractionId), version: 1);
        Assert.Equal("Phone", logged.Body.GetProperty("channel").GetString());
        Assert.Equal(opened.CaseId, logged.Body.GetProperty("caseId").GetString());
    }

    [Fact]
    public async Task Customer_cases_are_the_open_and_recently_resolved_newest_first()
    {
        var customer = await _host.KnownCustomerAsync();
        var old = await _host.Client.OpenProblemAsync(customer, priority: 3);
        await _host.Client.ResolveCaseAsync(new ResolveCaseRequest { CaseId = old.CaseId, Resolution = "Replaced the unit" });
        _host.Clock.Advance(TimeSpan.FromDays(100));
        var recent = await _host.Client.OpenProblemAsync(customer, priority: 4);
        await _host.Client.ResolveCaseAsync(new ResolveCaseRequest { CaseId = recent.CaseId, Resolution = "Answered" });
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var open = await _host.Client.OpenCaseAsync(new OpenCaseRequest { CustomerId = customer.ToString(), Kind = CaseKind.Inquiry, Priority = 4, Subject = "Has order PO-2026-117 shipped?" });
        await _host.Client.OpenProblemAsync(await _host.KnownCustomerAsync());

        var cases = await _host.Client.GetCustomerCasesAsync(new GetCustomerCasesRequest { CustomerId = customer.ToString() });
        var longer = await _host.Client.GetCustomerCasesAsync(new GetCustomerCasesRequest { CustomerId = customer.ToString(), RecentDays = 365 });

        Assert.Equal([open.CaseId, recent.CaseId], cases.Cases.Select(c => c.CaseId).ToArray());
        Assert.Equal([open.CaseId, recent.CaseId, old.CaseId], longer.Cases.Select(c => c.CaseId).ToArray());
        Assert.Empty((await _host.Client.GetCustomerCasesAsync(new GetCustomerCasesRequest { CustomerId = Guid.NewGuid().ToString() })).Cases);
    }

    /// <summary>Regression: descriptions and interactions of megabytes made the customer's cases exceed the message
    /// limit, and the customer view lost its support section. Texts have limits now, a case carries its latest 20
    /// interactions, and the list stops at its byte budget, saying so.</summary>
    [Fact]
    public async Task A_customer_with_many_long_cases_is_answered_within_the_limit_and_told_what_was_left_out()
    {
        var customer = await _host.KnownCustomerAsync();
        var longest = new string('€', 4000);
        var first = await _host.Client.OpenCaseAsync(new OpenCaseRequest { CustomerId = customer.ToString(), Kind = CaseKind.Problem, Priority = 2, Subject = "Case 0", Description = longest });
        for (var i = 0; i < 25; i++)
        {
            await _host.Client.LogInteractionAsync(new LogInteractionRequest { CaseId = first.CaseId, Channel = InteractionChannel.Email, Summary = longest });
        }

        for (var i = 1; i < 30; i++)
        {
            _host.Clock.Advance(TimeSpan.FromMinutes(1));
            await _host.Client.OpenCaseAsync(new OpenCaseRequest { CustomerId = customer.ToString(), Kind = CaseKind.Problem, Priority = 2, Subject = $"Case {i}", Description = longest });
        }

        var cases = await _host.Client.GetCustomerCasesAsync(new GetCustomerCasesRequest { CustomerId = customer.ToString() });
        var busy = await _host.Client.GetCaseAsync(first.CaseId);

        Assert.True(cases.Truncated);
        Assert.InRange(cases.CalculateSize(), 1, 400 * 1024);
        Assert.InRange(cases.Cases.Count, 10, 29);
        Assert.Equal("Case 29", cases.Cases[0].Subject);
        Assert.Equal((20, 25), (busy.Interactions.Count, busy.InteractionCount));
    }

    [Fact]
    public async Task Cases_are_listed_newest_first_by_customer_status_priority_and_assignee_a_page_at_a_time()
    {
        var customer = await _host.KnownCustomerAsync();
        var urgent = await _host.Client.OpenProblemAsync(customer, priority: 1);
        var minor = await _host.Client.OpenProblemAsync(customer, priority: 4);
        var resolved = await _host.Client.OpenProblemAsync(customer, priority: 4);
        await _host.Client.ResolveCaseAsync(new ResolveCaseRequest { CaseId = resolved.CaseId, Resolution = "Firmware 2.1" });

        var p1 = await _host.Client.ListCasesAsync(new ListCasesRequest { CustomerId = customer.ToString(), Priority = 1 });
        var open = await _host.Client.ListCasesAsync(new ListCasesRequest { CustomerId = customer.ToString(), Status = CaseStatus.CaseOpen, AssigneeId = SupportClient.Agent });
        var page1 = await _host.Client.ListCasesAsync(new ListCasesRequest { CustomerId = customer.ToString(), Page = new PageRequest { PageSize = 2 } });
        var page2 = await _host.Client.ListCasesAsync(new ListCasesRequest { CustomerId = customer.ToString(), Page = new PageRequest { PageSize = 2, PageToken = page1.NextPageToken } });

        Assert.Equal(urgent.CaseId, Assert.Single(p1.Cases).CaseId);
        Assert.Equal([minor.CaseId, urgent.CaseId], open.Cases.Select(c => c.CaseId).ToArray());
        Assert.Equal([resolved.CaseId, minor.CaseId, urgent.CaseId], page1.Cases.Concat(page2.Cases).Select(c => c.CaseId).ToArray());
        Assert.Empty((await _host.Client.ListCasesAsync(new ListCasesRequest { CustomerId = customer.ToString(), AssigneeId = "someone-else" })).Cases);
        await Refused.WithAsync(StatusCode.InvalidArgument, () => _host.Client.ListCasesAsync(new ListCasesRequest { Priority = 7 }), "priority");
    }
}
