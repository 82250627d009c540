using Crm.Contracts.Leads;
using Crm.Grpc.Security;
using Crm.Leads.Grpc.V1;
using Crm.Leads.Tests.Support;
using Crm.Privacy.Grpc.V1;
using Crm.Testing;
using CrmPlatform.LocalServers;
using Grpc.Core;
using MimeKit;
using TouchChannel = Crm.Leads.Grpc.V1.TouchChannel;

namespace Crm.Leads.Tests;

/// <summary>
/// Drip cadences on two replicas of the leads service sharing one database, on a fake clock, e-mailing a real SMTP
/// sink. Every test targets a segment of its own campaign's leads, so that the others' cadences touch none of them.
/// </summary>
public sealed partial class CadenceTests(DripHosts drip) : IClassFixture<DripHosts>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Each_step_runs_at_its_time_once_per_lead_with_two_replicas_sweeping_and_its_emails_reach_the_sink()
    {
        var (segment, leads) = await SegmentOfNewLeadsAsync(3);
        var cadence = await StartAsync(
            segment,
            Step(TouchChannel.Email, TimeSpan.Zero, "Welcome to CrmPlatform", "Dear {first_name} {last_name} of {company}, thank you for visiting our stand."),
            Step(TouchChannel.PhoneCallTask, TimeSpan.FromDays(2), "Follow-up call", "Ask {first_name} whether the demo suited {company}."),
            Step(TouchChannel.Letter, TimeSpan.FromDays(3), "Brochure", "Dear {first_name}, please find our brochure enclosed."));

        await drip.SweepBothAsync();
        await drip.SweepBothAsync();
        Assert.Equal(3, await TouchesAsync(cadence));
        var mails = await MailsToAsync(leads, 3);
        foreach (var lead in leads)
        {
            var mail = Assert.Single(mails, m => m.To.Mailboxes.Single().Address == lead.Contact.Email);
            Assert.Equal("Welcome to CrmPlatform", mail.Subject);
            Assert.Contains($"Dear {lead.Contact.FirstName} {lead.Contact.LastName} of {lead.Company.Name}, thank you", mail.TextBody, StringComparison.Ordinal);
            Assert.StartsWith($"<{DripHosts.OptOutAddress}", mail.Headers[HeaderId.ListUnsubscribe], StringComparison.Ordinal);
        }

        // The call is due two days later: not a minute before.
        drip.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        await drip.SweepBothAsync();
        Assert.Equal(3, await TouchesAsync(cadence));
        drip.Advance(TimeSpan.FromMinutes(2));
        await drip.SweepBothAsync();
        Assert.Equal(6, await TouchesAsync(cadence));
        var tasks = (await drip.CallAsync((api, o) => api.ListCallTasksAsync(new ListCallTasksRequest(), o))).Tasks.Where(t => t.CadenceId == cadence.CadenceId).ToList();
        Assert.Equal(leads.Select(l => l.LeadId).Order(StringComparer.Ordinal), tasks.Select(t => t.LeadId).Order(StringComparer.Ordinal));
        Assert.All(tasks, t => Assert.Equal((2, "Follow-up call", "Ask Greta whether the demo suited Nordwind Logistik GmbH.", false), (t.Step, t.Subject, t.Script, string.IsNullOrEmpty(t.Phone))));

        // Inside Sales makes a call: the task leaves the queue.
        var done = await drip.CallAsync((api, o) => api.CompleteCallTaskAsync(new CompleteCallTaskRequest { TaskId = tasks[0].TaskId, Outcome = "Demo booked for Tuesday" }, o));
        Assert.Equal(("maria", "Demo booked for Tuesday"), (done.DoneBy, done.Outcome));
        Assert.DoesNotContain((await drip.CallAsync((api, o) => api.ListCallTasksAsync(new ListCallTasksRequest(), o))).Tasks, t => t.TaskId == done.TaskId);
        var again = await Assert.ThrowsAsync<RpcException>(() => drip.CallAsync((api, o) => api.CompleteCallTaskAsync(new CompleteCallTaskRequest { TaskId = done.TaskId, Outcome = "Again" }, o)));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);

        drip.Advance(TimeSpan.FromDays(3));
        await drip.SweepBothAsync();
        await drip.SweepBothAsync();
        Assert.Equal(9, await TouchesAsync(cadence));
        var after = await drip.CallAsync((api, o) => api.GetCadenceAsync(new GetCadenceRequest { CadenceId = cadence.CadenceId }, o));
        Assert.Equal((3L, 3L, 0L, 9L), (after.Enrolled, after.Completed, after.StoppedForLead, after.TouchesSent));
        Assert.Equal(after, Assert.Single((await drip.CallAsync((api, o) => api.ListCadencesAsync(new ListCadencesRequest(), o))).Cadences, c => c.CadenceId == cadence.CadenceId));

        // Each step reached each lead once, and told the other services once.
        foreach (var lead in leads)
        {
            var sent = await drip.A.EventsAsync<TouchSent>(Guid.Parse(lead.LeadId));
            Assert.Equal([1, 2, 3], sent.Select(e => e.Step));
            Assert.Equal([Contracts.Leads.TouchChannel.Email, Contracts.Leads.TouchChannel.PhoneCallTask, Contracts.Leads.TouchChannel.Letter], sent.Select(e => e.Channel));
            var touches = (await drip.CallAsync((api, o) => api.ListTouchesAsync(new ListTouchesRequest { LeadId = lead.LeadId }, o))).Touches;
            Assert.Equal(["Welcome to CrmPlatform", "Follow-up call", "Brochure"], touches.Select(t => t.Subject), StringComparer.Ordinal);
            Assert.Equal($"Dear {lead.Contact.FirstName}, please find our brochure enclosed.", touches[2].Body);
        }

        Assert.Equal(3, (await MailsToAsync(leads, 3)).Count);
    }

    [Fact]
    public async Task A_cadence_stops_for_a_person_who_opts_out_through_the_link_is_converted_or_is_erased()
    {
        var (segment, leads) = await SegmentOfNewLeadsAsync(4);
        var cadence = await StartAsync(
            segment,
            Step(TouchChannel.Email, TimeSpan.Zero, "News 1", "Hello {first_name}"),
            Step(TouchChannel.Email, TimeSpan.FromDays(1), "News 2", "Hello again {first_name}"));
        await drip.SweepBothAsync();
        var first = await MailsToAsync(leads, 4);
        Assert.Equal(leads.Select(l => l.LeadId), (await ExportAsync(segment)).Select(l => l.LeadId), StringComparer.Ordinal);

        // The first opts out through the link in the e-mail: the page asks first, the button (or one click) records it.
        var link = first.Single(m => m.To.Mailboxes.Single().Address == leads[0].Contact.Email).Headers[HeaderId.ListUnsubscribe]!.Trim('<', '>');
        var page = new Uri(drip.A.HttpAddress, new Uri(link).AbsolutePath);
        using var http = new HttpClient();
        var confirm = await http.GetAsync(page, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("<button", await confirm.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty((await drip.CallAsync((api, o) => api.GetLeadAsync(new GetLeadRequest { LeadId = leads[0].LeadId }, o))).Consents);
        foreach (var _ in new[] { 1, 2 })
        {
            using var posted = await http.PostAsync(page, new StringContent("List-Unsubscribe=One-Click"), TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.OK, posted.StatusCode);
        }

        using var forged = await http.PostAsync(new Uri(drip.A.HttpAddress, "/opt-out/0123456789abcdef0123456789abcdef"), null, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, forged.StatusCode);
        var optedOut = await drip.CallAsync((api, o) => api.GetLeadAsync(new GetLeadRequest { LeadId = leads[0].LeadId }, o));
        Assert.Equal(("unsubscribe link", false), (Assert.Single(optedOut.Consents).Source, optedOut.Consents[0].Granted));

        // The second is converted; the third erased.
        await drip.CallAsync((api, o) => api.QualifyLeadAsync(new QualifyLeadRequest { LeadId = leads[1].LeadId, Qualification = Requests.Bant() }, o));
        await drip.CallAsync((api, o) => api.ConvertLeadAsync(new ConvertLeadRequest { LeadId = leads[1].LeadId, OpportunityOwnerId = "oscar.outside" }, o));
        await EraseAsync(leads[2].Contact.Email);

        drip.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await drip.SweepBothAsync();
        Assert.Equal(5, await TouchesAsync(cadence));
        Assert.Equal(2, (await MailsToAsync([leads[3]], 2)).Count);
        Assert.Single(await MailsToAsync([leads[0]], 1));
        var after = await drip.CallAsync((api, o) => api.GetCadenceAsync(new GetCadenceRequest { CadenceId = cadence.CadenceId }, o));

        // The segment's export holds the leads a cadence may still touch, as the cadence does.
        Assert.Equal([leads[3].LeadId], (await ExportAsync(segment)).Select(l => l.LeadId), StringComparer.Ordinal);
        Assert.Equal((4L, 1L, 3L, 5L), (after.Enrolled, after.Completed, after.StoppedForLead, after.TouchesSent));
        foreach (var (lead, reason) in new[] { (leads[0], "opted out of email"), (leads[1], "converted"), (leads[2], "erased") })
        {
            Assert.Equal(1, await ScalarAsync(
                "SELECT count(*) FROM cadence_enrollments WHERE cadence_id = $1 AND member_id = $2 AND status = 'Stopped' AND stop_reason = $3",
                Guid.Parse(cadence.CadenceId), Guid.Parse(lead.LeadId), reason));
        }
    }

    [Fact]
    public async Task A_lead_captured_later_joins_and_a_stopped_cadence_touches_nobody_any_more()
    {
        var (segment, leads) = await SegmentOfNewLeadsAsync(1);
        var cadence = await StartAsync(segment, Step(TouchChannel.Email, TimeSpan.Zero, "Hello", "Hi"), Step(TouchChannel.Fax, TimeSpan.FromDays(1), "Offer", "Our offer"));
        await drip.SweepBothAsync();
        Assert.Equal(1, await TouchesAsync(cadence));

        var later = (await drip.CallAsync((api, o) => api.CaptureLeadAsync(Requests.Lead(campaignId: leads[0].CampaignId), o))).Lead;
        await drip.SweepBothAsync();
        Assert.Equal(2, await TouchesAsync(cadence));
        Assert.Single(await MailsToAsync([later], 1));

        var stopped = await drip.CallAsync((api, o) => api.StopCadenceAsync(new StopCadenceRequest { CadenceId = cadence.CadenceId }, o));
        Assert.Equal((CadenceStatus.Stopped, 0L, 0L), (stopped.Status, stopped.Completed, stopped.StoppedForLead));
        var again = await drip.CallAsync((api, o) => api.StopCadenceAsync(new StopCadenceRequest { CadenceId = cadence.CadenceId }, o));
        Assert.Equal(stopped.Version, again.Version);

        drip.Advance(TimeSpan.FromDays(2));
        await drip.CallAsync((api, o) => api.CaptureLeadAsync(Requests.Lead(campaignId: leads[0].CampaignId), o));
        await drip.SweepBothAsync();
        Assert.Equal(2, await TouchesAsync(cadence));
        Assert.Equal(2, await ScalarAsync("SELECT count(*) FROM cadence_enrollments WHERE cadence_id = $1", Guid.Parse(cadence.CadenceId)));
    }

    [Fact]
    public async Task A_segment_with_a_minimum_score_takes_only_the_leads_that_reach_it_and_an_answered_call_raises_the_score()
    {
        var (_, leads) = await SegmentOfNewLeadsAsync(2);
        var qualified = await drip.CallAsync((api, o) => api.QualifyLeadAsync(new QualifyLeadRequest { LeadId = leads[1].LeadId, Qualification = Requests.Bant() }, o));
        Assert.True(leads[0].Score < 40 && qualified.Score >= 40, $"scores {leads[0].Score} and {qualified.Score}");
        var segment = await drip.CallAsync((api, o) => api.CreateSegmentAsync(
            new CreateSegmentRequest { Name = "Hot", Filter = new SegmentFilter { CampaignIds = { leads[0].CampaignId }, MinimumScore = 40 } }, o));
        var cadence = await StartAsync(segment, Step(TouchChannel.PhoneCallTask, TimeSpan.Zero, "Call", "Call {first_name}"));
        await drip.SweepBothAsync();

        var task = Assert.Single((await drip.CallAsync((api, o) => api.ListCallTasksAsync(new ListCallTasksRequest(), o))).Tasks, t => t.CadenceId == cadence.CadenceId);
        Assert.Equal(leads[1].LeadId, task.LeadId);
        await drip.CallAsync((api, o) => api.CompleteCallTaskAsync(new CompleteCallTaskRequest { TaskId = task.TaskId, Outcome = "Interested" }, o));
        var answered = await drip.CallAsync((api, o) => api.GetLeadAsync(new GetLeadRequest { LeadId = leads[1].LeadId }, o));
        Assert.Equal(qualified.Score + 10, answered.Score);
        Assert.Contains(answered.ScoreContributions, c => c is { Part: "engagement", Reason: "1 call(s) answered", Points: 10 });
    }

    [Fact]
    public async Task A_replica_that_starts_scores_again_the_leads_scored_by_older_rules()
    {
        var (_, leads) = await SegmentOfNewLeadsAsync(1);
        var lead = Guid.Parse(leads[0].LeadId);
        Assert.Equal(1, await ScalarAsync("UPDATE leads SET score = 0, score_contributions = '[]', score_rules = 0 WHERE lead_id = $1 RETURNING 1", lead));

        await using var started = await drip.StartReplicaAsync();

        Assert.True(await Poll.UntilAsync(
            async _ => await ScalarAsync("SELECT count(*) FROM leads WHERE lead_id = $1 AND score_rules > 0 AND score = $2", lead, leads[0].Score) == 1,
            Deadline,
            TestContext.Current.CancellationToken));
        var rescored = await drip.CallAsync((api, o) => api.GetLeadAsync(new GetLeadRequest { LeadId = leads[0].LeadId }, o));
        Assert.Equal(leads[0].ScoreContributions, rescored.ScoreContributions);
        Assert.Equal(leads[0].Version, rescored.Version);
    }

    [Fact]
    public async Task The_scheduler_runs_the_steps_with_no_human_action()
    {
        var (segment, leads) = await SegmentOfNewLeadsAsync(1);
        await StartAsync(segment, Step(TouchChannel.Email, TimeSpan.Zero, "Scheduled hello", "Hello {first_name}"));

        await drip.TriggerSweepAsync();

        Assert.Equal("Scheduled hello", Assert.Single(await MailsToAsync(leads, 1)).Subject);
    }

    [Fact]
    public async Task Bad_segments_cadences_and_call_outcomes_are_refused_naming_the_field()
    {
        var (segment, _) = await SegmentOfNewLeadsAsync(0);
        await RefusedAsync((api, o) => api.CreateSegmentAsync(new CreateSegmentRequest(), o), StatusCode.InvalidArgument, "name");
        await RefusedAsync((api, o) => api.CreateSegmentAsync(new CreateSegmentRequest { Name = "DACH", Filter = new SegmentFilter { Countries = { "DE", "Germany" } } }, o), StatusCode.InvalidArgument, "filter.countries[1]");
        await RefusedAsync((api, o) => api.CreateSegmentAsync(new CreateSegmentRequest { Name = "Ghost", Filter = new SegmentFilter { CampaignIds = { Guid.NewGuid().ToString() } } }, o), StatusCode.NotFound, "filter.campaign_ids");

        var good = Step(TouchChannel.Email, TimeSpan.Zero, "Hello", "Hi");
        await RefusedAsync((api, o) => api.StartCadenceAsync(new StartCadenceRequest { Name = "Empty", SegmentId = segment.SegmentId }, o), StatusCode.InvalidArgument, "steps");
        await RefusedAsync((api, o) => api.StartCadenceAsync(new StartCadenceRequest { Name = "Past", SegmentId = segment.SegmentId, Steps = { good, Step(TouchChannel.Email, TimeSpan.FromDays(-1), "Hello", "Hi") } }, o), StatusCode.InvalidArgument, "steps[1].wait");
        await RefusedAsync((api, o) => api.StartCadenceAsync(new StartCadenceRequest { Name = "Mute", SegmentId = segment.SegmentId, Steps = { Step(TouchChannel.Email, TimeSpan.Zero, string.Empty, "Hi") } }, o), StatusCode.InvalidArgument, "steps[0].subject");
        await RefusedAsync((api, o) => api.StartCadenceAsync(new StartCadenceRequest { Name = "How", SegmentId = segment.SegmentId, Steps = { Step(TouchChannel.Unspecified, TimeSpan.Zero, "Hello", "Hi") } }, o), StatusCode.InvalidArgument, "steps[0].channel");
        await RefusedAsync((api, o) => api.StartCadenceAsync(new StartCadenceRequest { Name = "Nobody", SegmentId = Guid.NewGuid().ToString(), Steps = { good } }, o), StatusCode.NotFound, "segment_id");
        await RefusedAsync((api, o) => api.CompleteCallTaskAsync(new CompleteCallTaskRequest { TaskId = Guid.NewGuid().ToString(), Outcome = "Called" }, o), StatusCode.NotFound, "task_id");
        await RefusedAsync((api, o) => api.CompleteCallTaskAsync(new CompleteCallTaskRequest { TaskId = Guid.NewGuid().ToString() }, o), StatusCode.InvalidArgument, "outcome");
        var unknown = await Assert.ThrowsAsync<RpcException>(() => ExportAsync(new Segment { SegmentId = Guid.NewGuid().ToString() }));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("segment_id: ", unknown.Status.Detail, StringComparison.Ordinal);
    }

    private static CadenceStep Step(TouchChannel channel, TimeSpan wait, string subject, string body) =>
        new() { Channel = channel, Wait = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(wait), Subject = subject, Body = body };

    private Task<Cadence> StartAsync(Segment segment, params CadenceStep[] steps) => drip.CallAsync((api, o) =>
        api.StartCadenceAsync(new StartCadenceRequest { Name = $"Cadence {Guid.NewGuid():N}"[..16], SegmentId = segment.SegmentId, Steps = { steps } }, o));

    private async Task<IReadOnlyList<Lead>> ExportAsync(Segment segment)
    {
        using var call = drip.Api.ExportSegment(new ExportSegmentRequest { SegmentId = segment.SegmentId }, Imports.AsMarketing(TestContext.Current.CancellationToken));
        return await Imports.ReadAllAsync(call.ResponseStream);
    }

    [Fact]
    public async Task Letters_and_faxes_wait_in_the_mail_room_until_sent_and_one_for_a_person_who_opted_out_or_was_erased_leaves_it()
    {
        var (segment, leads) = await SegmentOfNewLeadsAsync(3);
        var cadence = await StartAsync(
            segment,
            Step(TouchChannel.Letter, TimeSpan.Zero, "Brochure", "Dear {first_name}, please find our brochure enclosed."),
            Step(TouchChannel.Fax, TimeSpan.Zero, "Price list", "Prices for {company}"));
        await drip.SweepBothAsync();
        await drip.SweepBothAsync();
        Assert.Equal(6, await TouchesAsync(cadence));

        async Task<List<MailRoomItem>> QueueAsync() =>
            [.. (await drip.CallAsync((api, o) => api.ListMailRoomAsync(new ListMailRoomRequest(), o))).Items.Where(i => i.Touch.CadenceId == cadence.CadenceId)];

        // Each letter with the company's address, each fax with the person's number.
        var queue = await QueueAsync();
        Assert.Equal(6, queue.Count);
        var letter = queue.Single(i => i.Touch.LeadId == leads[0].LeadId && i.Touch.Channel == TouchChannel.Letter);
        var fax = queue.Single(i => i.Touch.LeadId == leads[0].LeadId && i.Touch.Channel == TouchChannel.Fax);
        Assert.Equal(($"{leads[0].Contact.FirstName} {leads[0].Contact.LastName}", "Hafenstrasse 12", string.Empty), (letter.RecipientName, letter.Address.Street, letter.FaxNumber));
        Assert.Equal((leads[0].Contact.Phone, null), (fax.FaxNumber, fax.Address));

        // Sent once: it leaves the queue, and saying so again is refused naming who sent it.
        var sent = await drip.CallAsync((api, o) => api.DispatchTouchAsync(new DispatchTouchRequest { TouchId = letter.Touch.TouchId }, o));
        Assert.Equal("maria", sent.DispatchedBy);
        Assert.NotNull(sent.DispatchedAt);
        var again = await Assert.ThrowsAsync<RpcException>(() => drip.CallAsync((api, o) => api.DispatchTouchAsync(new DispatchTouchRequest { TouchId = letter.Touch.TouchId }, o)));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Contains("was sent by maria", again.Status.Detail, StringComparison.Ordinal);

        // One opts out of letters, one is erased: their letters and faxes are not to be sent.
        await drip.CallAsync((api, o) => api.RecordLeadConsentAsync(new RecordLeadConsentRequest { LeadId = leads[1].LeadId, Channel = Crm.Common.Grpc.V1.ContactChannel.Letter, Granted = false }, o));
        await EraseAsync(leads[2].Contact.Email);
        var left = await QueueAsync();
        Assert.Equal([fax.Touch.TouchId], left.Select(i => i.Touch.TouchId), StringComparer.Ordinal);
        var optedOutsFax = (await drip.CallAsync((api, o) => api.ListTouchesAsync(new ListTouchesRequest { LeadId = leads[1].LeadId }, o))).Touches.Single(t => t.Channel == TouchChannel.Fax);
        var refused = await Assert.ThrowsAsync<RpcException>(() => drip.CallAsync((api, o) => api.DispatchTouchAsync(new DispatchTouchRequest { TouchId = optedOutsFax.TouchId }, o)));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("opted out", refused.Status.Detail, StringComparison.Ordinal);

        var unknown = await Assert.ThrowsAsync<RpcException>(() => drip.CallAsync((api, o) => api.DispatchTouchAsync(new DispatchTouchRequest { TouchId = Guid.NewGuid().ToString() }, o)));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("touch_id:", unknown.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>A campaign of its own with <paramref name="count"/> leads, and the segment of that campaign's leads.</summary>
    private async Task<(Segment Segment, IReadOnlyList<Lead> Leads)> SegmentOfNewLeadsAsync(int count)
    {
        var campaign = await drip.CallAsync((api, o) => api.LaunchCampaignAsync(Requests.Campaign($"Fair {Guid.NewGuid():N}"[..13]), o));
        var leads = new List<Lead>();
        for (var i = 0; i < count; i++)
        {
            leads.Add((await drip.CallAsync((api, o) => api.CaptureLeadAsync(Requests.Lead(campaignId: campaign.CampaignId), o))).Lead);
        }

        var segment = await drip.CallAsync((api, o) => api.CreateSegmentAsync(
            new CreateSegmentRequest { Name = campaign.Name, Filter = new SegmentFilter { CampaignIds = { campaign.CampaignId }, Countries = { "de" } } }, o));
        Assert.Equal(["DE"], segment.Filter.Countries, StringComparer.Ordinal);
        return (segment, leads);
    }

    /// <summary>The messages the sink received for <paramref name="leads"/>, once there are at least <paramref name="count"/>.</summary>
    private Task<IReadOnlyList<MimeMessage>> MailsToAsync(IReadOnlyList<Lead> leads, int count) => MailsToAddressesAsync([.. leads.Select(l => l.Contact.Email)], count);

    /// <summary>The messages the sink received for <paramref name="emails"/>, once there are at least <paramref name="count"/>.</summary>
    private async Task<IReadOnlyList<MimeMessage>> MailsToAddressesAsync(IReadOnlyList<string> emails, int count)
    {
        var addresses = emails.ToHashSet(StringComparer.OrdinalIgnoreCase);
        List<MimeMessage> mails = [];
        await Poll.UntilAsync(
            () => (mails = [.. drip.Sink.Received().Select(f => MimeMessage.Load(f)).Where(m => addresses.Contains(m.To.Mailboxes.Single().Address))]).Count >= count,
            Deadline,
            TestContext.Current.CancellationToken);
        Assert.Equal(count, mails.Count);
        return mails;
    }

    private Task<long> TouchesAsync(Cadence cadence) => ScalarAsync("SELECT count(*) FROM touches WHERE cadence_id = $1", Guid.Parse(cadence.CadenceId));

    private Task<long> ScalarAsync(string sql, params object[] parameters) => drip.A.Resources.ScalarAsync(sql, parameters);

    private async Task RefusedAsync<TResponse>(LeadsHost.Rpc<TResponse> call, StatusCode code, string field)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => drip.CallAsync(call));
        Assert.True(refused.StatusCode == code && refused.Status.Detail.StartsWith(field + ": ", StringComparison.Ordinal), $"expected {code} naming {field}, got {refused.Status}");
    }

    private async Task EraseAsync(string email)
    {
        var privacy = new PersonalDataService.PersonalDataServiceClient(drip.Channel);
        var administrator = TestCalls.As("ada", Deadline, CrmRoles.Administrator);
        var requested = await privacy.RequestErasureAsync(new RequestErasureRequest { Email = email }, administrator);
        Assert.True(await Poll.UntilAsync(
            async _ => (await privacy.GetErasureAsync(new GetErasureRequest { RequestId = requested.RequestId }, administrator)).Complete,
            Deadline,
            TestContext.Current.CancellationToken));
    }
}
