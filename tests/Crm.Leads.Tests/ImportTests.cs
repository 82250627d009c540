using System.Security.Cryptography;
using Crm.Common.Grpc.V1;
using Crm.Contracts.Leads;
using Crm.Contracts.Opportunities;
using Crm.Leads.Grpc.V1;
using Crm.Leads.Tests.Support;
using CrmPlatform.LocalServers;

namespace Crm.Leads.Tests;

/// <summary>Importing lead lists: every row is checked as a captured lead is, counted, and stored once with its event.</summary>
public sealed class ImportTests(LeadsHost leads) : IClassFixture<LeadsHost>
{
    [Fact]
    public async Task Every_bad_row_is_reported_with_its_line_and_reason_and_the_rest_are_accepted()
    {
        var quotedTitle = LeadLists.Row(title: "Head of\nOperations");
        // Munich: no other row of these tests has a number there.
        var german = LeadLists.Row(phone: "(089) " + Random.Shared.Next(2_000_000, 9_000_000), country: "de");
        var rows = new (int Line, string Row, string? Reason)[]
        {
            (2, LeadLists.Row(), null),
            (3, LeadLists.Row(company: ""), "company: is required"),
            (4, LeadLists.Row(lastName: " "), "last name: is required"),
            (5, LeadLists.Row(email: "greta-at-nordwind"), "e-mail: 'greta-at-nordwind' is not an e-mail address"),
            (6, LeadLists.Row(phone: "ext. 12"), "phone: 'ext. 12' is not a phone number in DE or with a country code (+49 30 1234567)"),
            (7, LeadLists.Row(email: "", phone: ""), "e-mail: an e-mail or a phone (phone) is required"),
            (8, LeadLists.Row(country: "D1"), "country: must be an ISO 3166-1 alpha-2 code such as DE"),
            (9, LeadLists.Row() + ",an extra field", "the row has 10 fields; the header has 9"),
            (10, "Acme,Ada", "the row has 2 fields; the header has 9"),
            (11, LeadLists.Row(company: new string('c', 201)), "company: must be at most 200 characters"),
            (12, quotedTitle, null),
            (14, LeadLists.Row(email: "x@y"), "e-mail: 'x@y' is not an e-mail address"),
            (15, "", null),
            (16, german, null),
        };
        var file = LeadLists.File([.. rows.Select(r => r.Row)]);

        var answers = await Imports.RunAsync(leads, file);

        var done = answers[^1];
        Assert.Equal(ImportStatus.Completed, done.Status);
        Assert.Equal((13L, 3L, 0L, 10L), (done.RowsRead, done.Accepted, done.Duplicates, done.Rejected));
        var rejections = await Imports.RejectionsAsync(leads, done.ImportId);
        Assert.Equal(
            rows.Where(r => r.Reason is not null).Select(r => (r.Line, r.Reason!, r.Row)),
            rejections.Select(r => (checked((int)r.Line), r.Reason, r.RawLine)));

        // The rows around the quoted line break are on the lines the file has them on, and each good row is a lead.
        Assert.NotNull(await Imports.LeadIdAsync(leads, Field(rows[0].Row, 3)));
        Assert.NotNull(await Imports.LeadIdAsync(leads, Field(quotedTitle, 3)));
        var germanId = (await Imports.LeadIdAsync(leads, Field(german, 3)))!.Value.ToString();
        var germanLead = await leads.CallAsync((api, o) => api.GetLeadAsync(new GetLeadRequest { LeadId = germanId }, o));
        Assert.Equal("+4989" + Field(german, 4)[6..], germanLead.Contact.Phone);
        Assert.Equal("DE", germanLead.Company.Address.Country);
    }

    [Fact]
    public async Task An_imported_lead_is_the_lead_CaptureLead_stores_and_publishes_LeadCaptured_once()
    {
        var campaign = await leads.CallAsync((api, o) => api.LaunchCampaignAsync(Requests.Campaign("Purchased list, spring"), o));
        var email = Requests.Email();
        var again = Requests.Email();
        var file = LeadLists.File(LeadLists.Row(email: email), LeadLists.Row(), LeadLists.Row(email: again), LeadLists.Row(email: again), LeadLists.Row(company: ""));

        var done = (await Imports.RunAsync(leads, file, Imports.Header(campaign.CampaignId)))[^1];

        Assert.Equal((5L, 3L, 1L, 1L), (done.RowsRead, done.Accepted, done.Duplicates, done.Rejected));
        Assert.Equal((3L, 3L), await Imports.CampaignLeadsAsync(leads, campaign.CampaignId));
        var leadId = (await Imports.LeadIdAsync(leads, email))!.Value;
        var imported = await leads.CallAsync((api, o) => api.GetLeadAsync(new GetLeadRequest { LeadId = leadId.ToString() }, o));

        // The same person captured one by one: everything but the ids, times and contact points is the same.
        var request = new CaptureLeadRequest
        {
            Source = LeadSource.TradeShow,
            CampaignId = campaign.CampaignId,
            Company = new Company { Name = "Nordwind Logistik GmbH", Industry = "Logistics", Address = new PostalAddress { Region = "Hamburg", Country = "DE" } },
            Contact = new Person { FirstName = "Greta", LastName = "Lindqvist", Title = "Head of Operations", Email = Requests.Email(), Phone = LeadLists.Phone() },
        };
        var captured = (await leads.CallAsync((api, o) => api.CaptureLeadAsync(request, Imports.AsMarketing()))).Lead;
        Assert.Equal(Comparable(captured), Comparable(imported));
        Assert.Equal(email, imported.Contact.Email);

        // Its LeadCaptured travels in the batch's LeadsImported, with the other two leads stored, as a capture's would.
        var importId = Guid.Parse(done.ImportId);
        var message = Assert.Single(await leads.EventsAsync<LeadsImported>(importId));
        Assert.Equal((3L, 3), (message.Version, message.Leads.Count));
        var published = Assert.Single(message.Leads, c => c.LeadId == leadId);
        Assert.Equal((1L, (Guid?)Guid.Parse(campaign.CampaignId)), (published.Version, published.CampaignId));
        Assert.Equal((Contracts.LeadSource.TradeShow, "Nordwind Logistik GmbH", email), (published.Source, published.Company.Name, published.Contact.Email));
        var capturedEvent = Assert.Single(await leads.EventsAsync<LeadCaptured>(Guid.Parse(captured.LeadId)));
        Assert.Equal(capturedEvent with { EventId = published.EventId, OccurredAt = published.OccurredAt, LeadId = leadId, Contact = published.Contact }, published);

        // The batch's write is in the audit trail, naming the import's event.
        Assert.Equal(1, await leads.ScalarAsync(
            "SELECT count(*) FROM audit_records WHERE action = '/crm.leads.v1.LeadsService/ImportLeads' AND outcome = 'Applied' AND actor = $1 AND target LIKE '%LeadsImported ' || $2 || '%'",
            Imports.Marketer,
            importId.ToString()));

        // Its outbox row is traced and correlated as a capture's, and the relay publishes it as it does any.
        const string Shape = "SELECT (correlation_id = message_id) || '' || (trace_parent IS NOT NULL) FROM outbox_messages WHERE aggregate_id = $1";
        Assert.Equal(await ScalarTextAsync(Shape, Guid.Parse(captured.LeadId)), await ScalarTextAsync(Shape, importId));
        Assert.True(await Poll.UntilAsync(
            async _ => await leads.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE aggregate_id = $1 AND sent_at IS NOT NULL", importId) == 1,
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Duplicates_within_the_file_and_of_existing_leads_are_counted_and_stored_once()
    {
        var existing = (await leads.CallAsync((api, o) => api.CaptureLeadAsync(Requests.Lead(), o))).Lead;
        var twice = Requests.Email();
        var file = LeadLists.File(
            LeadLists.Row(email: "  " + existing.Contact.Email.ToUpperInvariant() + " "),
            LeadLists.Row(email: twice),
            LeadLists.Row(email: twice.ToUpperInvariant()),
            LeadLists.Row(phone: existing.Contact.Phone.Replace("+4930", "(030) ", StringComparison.Ordinal)),
            LeadLists.Row());

        var done = (await Imports.RunAsync(leads, file))[^1];

        Assert.Equal((5L, 2L, 3L, 0L), (done.RowsRead, done.Accepted, done.Duplicates, done.Rejected));
        Assert.Equal(1, await leads.ScalarAsync("SELECT count(*) FROM leads WHERE email_key = $1", twice));
        Assert.Equal(existing, await leads.CallAsync((api, o) => api.GetLeadAsync(new GetLeadRequest { LeadId = existing.LeadId }, o)));
        Assert.Single(await leads.EventsAsync<LeadCaptured>(Guid.Parse(existing.LeadId)));
        var imported = (await leads.EventsAsync<LeadsImported>(Guid.Parse(done.ImportId))).SelectMany(m => m.Leads).ToList();
        Assert.Equal(2, imported.Count);
        Assert.DoesNotContain(imported, c => c.LeadId == Guid.Parse(existing.LeadId));
    }

    [Fact]
    public async Task A_person_captured_while_the_batch_is_copied_is_a_duplicate_and_the_import_goes_on()
    {
        var racing = Requests.Email().ToLowerInvariant();
        var other = Requests.Email();
        var ct = TestContext.Current.CancellationToken;
        await using var capture = new Npgsql.NpgsqlConnection(leads.Resources.DatabaseConnectionString);
        await capture.OpenAsync(ct);
        await using var uncommitted = await capture.BeginTransactionAsync(ct);
        await using (var insert = new Npgsql.NpgsqlCommand(
            """
            INSERT INTO leads (lead_id, status, source, company, contact, email_key, captured_at, captured_by, updated_at, version)
            VALUES (gen_random_uuid(), 'New', 'WebForm', '{"name": "Racing GmbH"}', '{"lastName": "Racer"}', $1, now(), 'racing.capture', now(), 1)
            """,
            capture,
            uncommitted) { Parameters = { new() { Value = racing } } })
        {
            await insert.ExecuteNonQueryAsync(ct);
        }

        // The import's look-up cannot see the capture; its copy waits on the capture's key until the capture commits.
        var importing = Imports.RunAsync(leads, LeadLists.File(LeadLists.Row(email: racing), LeadLists.Row(email: other)));
        Assert.True(await Poll.UntilAsync(
            async _ => await leads.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0,
            TimeSpan.FromSeconds(30),
            ct));
        await uncommitted.CommitAsync(ct);
        var done = (await importing)[^1];

        Assert.Equal((ImportStatus.Completed, 2L, 1L, 1L, 0L), (done.Status, done.RowsRead, done.Accepted, done.Duplicates, done.Rejected));
        Assert.Equal(1, await leads.ScalarAsync("SELECT count(*) FROM leads WHERE email_key = $1 AND captured_by = 'racing.capture'", racing));
        Assert.Equal(1, await leads.ScalarAsync("SELECT count(*) FROM leads WHERE email_key = $1", racing));
        var published = Assert.Single((await leads.EventsAsync<LeadsImported>(Guid.Parse(done.ImportId))).SelectMany(m => m.Leads));
        Assert.Equal((await Imports.LeadIdAsync(leads, other))!.Value, published.LeadId);
    }

    [Fact]
    public async Task A_person_who_is_already_a_customers_contact_is_a_duplicate_by_e_mail_or_phone()
    {
        var byEmail = Requests.Email();
        var byPhone = LeadLists.Phone();
        var added = new ContactAdded(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), 1, Guid.NewGuid(), "Greta", "Lindqvist", byEmail.ToUpperInvariant(), null, null, Contracts.BuyingRole.DecisionMaker);
        var other = new ContactAdded(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), 1, Guid.NewGuid(), "Jonas", "Berg", null, "+49 40 1111111", null, Contracts.BuyingRole.User);
        var updated = new ContactUpdated(Guid.NewGuid(), DateTimeOffset.UtcNow, other.CustomerId, 2, other.ContactId, "Jonas", "Berg", null, byPhone, null, Contracts.BuyingRole.User);
        // Added and updated travel by different queues: the update is published once the addition is applied.
        await leads.Bus.Publish(added, TestContext.Current.CancellationToken);
        await leads.Bus.Publish(other, TestContext.Current.CancellationToken);
        await AppliedAsync(added.EventId, other.EventId);
        await leads.Bus.Publish(updated, TestContext.Current.CancellationToken);
        await AppliedAsync(updated.EventId);
        var file = LeadLists.File(LeadLists.Row(email: byEmail), LeadLists.Row(phone: byPhone), LeadLists.Row(phone: "+49 40 1111111"), LeadLists.Row());

        var done = (await Imports.RunAsync(leads, file))[^1];

        // The contact's old number is nobody's now: that row is a new lead.
        Assert.Equal((4L, 2L, 2L, 0L), (done.RowsRead, done.Accepted, done.Duplicates, done.Rejected));
        Assert.Equal(0, await leads.ScalarAsync("SELECT count(*) FROM leads WHERE email_key = $1", byEmail));
    }

    [Fact]
    public async Task Importing_the_same_file_twice_adds_nothing_the_second_time()
    {
        var file = LeadLists.File(LeadLists.Row(), LeadLists.Row(), LeadLists.Row(), LeadLists.Row(), LeadLists.Row(lastName: ""));
        var header = Imports.Header(fileName: "bought-list.csv", source: LeadSource.PurchasedList);
        var first = (await Imports.RunAsync(leads, file, header))[^1];
        var leadsAfterFirst = await leads.ScalarAsync("SELECT count(*) FROM leads");
        var eventsAfterFirst = await leads.ScalarAsync("SELECT count(*) FROM outbox_messages");

        var second = (await Imports.RunAsync(leads, file, header))[^1];

        Assert.Equal((5L, 4L, 0L, 1L), (first.RowsRead, first.Accepted, first.Duplicates, first.Rejected));
        Assert.Equal((ImportStatus.Completed, 5L, 0L, 4L, 1L), (second.Status, second.RowsRead, second.Accepted, second.Duplicates, second.Rejected));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), first.ContentSha256);
        Assert.Equal((first.ContentSha256, first.ImportId, string.Empty), (second.ContentSha256, second.RepeatOfImportId, first.RepeatOfImportId));
        Assert.Equal((leadsAfterFirst, eventsAfterFirst), (await leads.ScalarAsync("SELECT count(*) FROM leads"), await leads.ScalarAsync("SELECT count(*) FROM outbox_messages")));
        Assert.Equal(first, await leads.CallAsync((api, o) => api.GetImportAsync(new GetImportRequest { ImportId = first.ImportId }, o)));

        // Listed newest first, as they ended (other tests of the class may import between the two).
        var listed = (await leads.CallAsync((api, o) => api.ListImportsAsync(new ListImportsRequest { Page = new PageRequest { PageSize = 100 } }, o))).Imports;
        Assert.Equal([second, first], listed.Where(i => i.ImportId == first.ImportId || i.ImportId == second.ImportId));
    }

    [Fact]
    public async Task A_list_as_a_spreadsheet_saves_it_is_read_by_its_column_names()
    {
        // A byte order mark, semicolons, CRLF, columns in another order and case, one not read, a doubled quote.
        var (first, second) = (Requests.Email(), Requests.Email());
        var csv = "\uFEFFe_mail;LAST NAME;Notes;Company;Phone\r\n"
                  + $"{first};Lindqvist;met at the stand;\"Nordwind \"\"North\"\" GmbH\";{LeadLists.Phone()}\r\n"
                  + $"{second};Byron;;Acme;\r\n";

        var done = (await Imports.RunAsync(leads, System.Text.Encoding.UTF8.GetBytes(csv)))[^1];

        Assert.Equal((2L, 2L, 0L), (done.RowsRead, done.Accepted, done.Rejected));
        var leadId = (await Imports.LeadIdAsync(leads, first))!.Value.ToString();
        var lead = await leads.CallAsync((api, o) => api.GetLeadAsync(new GetLeadRequest { LeadId = leadId }, o));
        Assert.Equal(("Nordwind \"North\" GmbH", "Lindqvist", first), (lead.Company.Name, lead.Contact.LastName, lead.Contact.Email));
        Assert.NotNull(await Imports.LeadIdAsync(leads, second));
    }

    /// <summary>The lead without what differs between two captures of two people: ids, times, contact points.</summary>
    private static Lead Comparable(Lead lead) => new(lead)
    {
        LeadId = string.Empty,
        CapturedAt = null,
        UpdatedAt = null,
        Contact = new Person(lead.Contact) { Email = string.Empty, Phone = string.Empty },
    };

    private static string Field(string row, int ordinal) => row.Split(',')[ordinal];

    private async Task<string> ScalarTextAsync(string sql, Guid aggregateId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(leads.Resources.DatabaseConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection) { Parameters = { new() { Value = aggregateId } } };
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private async Task AppliedAsync(params Guid[] eventIds)
    {
        foreach (var eventId in eventIds)
        {
            Assert.True(await Poll.UntilAsync(
                async _ => await leads.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE message_id = $1", eventId) == 1,
                TimeSpan.FromSeconds(30),
                TestContext.Current.CancellationToken));
        }
    }
}
