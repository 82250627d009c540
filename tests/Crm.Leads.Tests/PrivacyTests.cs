using Crm.Common.Grpc.V1;
using Crm.Grpc.Security;
using Crm.Leads.Grpc.V1;
using Crm.Leads.Tests.Support;
using Crm.Privacy.Grpc.V1;
using Crm.Testing;
using CrmPlatform.LocalServers;
using Grpc.Core;

namespace Crm.Leads.Tests;

/// <summary>The person behind a lead: exported on request, and erased by the erasure event with every copy of them in the service's database.</summary>
public sealed class PrivacyTests(LeadsHost leads) : IClassFixture<LeadsHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly CallOptions Administrator = TestCalls.As("ada", Deadline, CrmRoles.Administrator);

    private PersonalDataService.PersonalDataServiceClient Privacy => new(leads.Channel);

    [Fact]
    public async Task The_export_finds_the_lead_by_its_email_whatever_its_case_with_the_persons_details_and_consents()
    {
        var (request, lead) = await CaptureAsync();
        await leads.Api.RecordLeadConsentAsync(new RecordLeadConsentRequest { LeadId = lead.LeadId, Channel = ContactChannel.Email, Granted = false, Source = "unsubscribe link" }, TestCalls.As("maria", Deadline, CrmRoles.Marketing));

        var export = await Privacy.ExportPersonalDataAsync(new ExportPersonalDataRequest { Email = $" {request.Contact.Email.ToUpperInvariant()} " }, Administrator);

        var record = Assert.Single(export.Records);
        Assert.Equal(("leads", "lead", lead.LeadId), (record.Service, record.Kind, record.Id));
        var fields = record.Fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
        Assert.Equal(request.Contact.LastName, fields["contact.last_name"]);
        Assert.Equal(request.Contact.Email, fields["contact.email"]);
        Assert.Equal(lead.Contact.Phone, fields["contact.phone"]);
        Assert.StartsWith("opt-out recorded ", fields["consents.email"], StringComparison.Ordinal);
        Assert.EndsWith("by maria (unsubscribe link)", fields["consents.email"], StringComparison.Ordinal);
        Assert.Empty((await Privacy.ExportPersonalDataAsync(new ExportPersonalDataRequest { Email = "nobody@nowhere.example" }, Administrator)).Records);
        var invalid = await Assert.ThrowsAsync<RpcException>(() => Privacy.ExportPersonalDataAsync(new ExportPersonalDataRequest { Email = "no address" }, Administrator).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.StartsWith("email: is not an e-mail address", invalid.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_erasure_pseudonymises_the_lead_and_every_copy_of_the_person_in_the_outbox_and_keeps_its_history()
    {
        var (request, lead) = await CaptureAsync();
        await leads.Api.QualifyLeadAsync(new QualifyLeadRequest { LeadId = lead.LeadId, Qualification = Requests.Bant() }, TestCalls.As(LeadsHost.User, Deadline, CrmRoles.InsideSales));
        Assert.True(await leads.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE body ILIKE '%' || $1 || '%'", request.Contact.LastName) > 0);

        var erasure = await EraseAsync(request.Contact.Email);

        Assert.Equal(1, Assert.Single(erasure.Services).Records);
        var erased = await leads.Api.GetLeadAsync(new GetLeadRequest { LeadId = lead.LeadId }, Administrator);
        Assert.StartsWith("erased-", erased.Contact.FirstName, StringComparison.Ordinal);
        Assert.Equal((string.Empty, string.Empty), (erased.Contact.Email, erased.Contact.Phone));
        Assert.Equal((LeadStatus.Qualified, LeadSource.TradeShow, request.Company.Name), (erased.Status, erased.Source, erased.Company.Name));
        foreach (var trace in new[] { request.Contact.FirstName, request.Contact.LastName, request.Contact.Email, lead.Contact.Phone })
        {
            Assert.Equal(0, await leads.ScalarAsync(
                "SELECT (SELECT count(*) FROM outbox_messages WHERE body ILIKE '%' || $1 || '%') + (SELECT count(*) FROM leads WHERE concat(contact::text, notes, email_key, phone_key) ILIKE '%' || $1 || '%')",
                trace));
        }

        // The person is nobody the service knows any more: the same address is a new lead, not a duplicate.
        var again = await leads.Api.CaptureLeadAsync(request, TestCalls.As("maria", Deadline, CrmRoles.Marketing));
        Assert.False(again.Duplicate);
        Assert.Single((await Privacy.ExportPersonalDataAsync(new ExportPersonalDataRequest { Email = request.Contact.Email }, Administrator)).Records);
        Assert.Equal(ErasureState.Pending, Assert.Single((await Privacy.GetErasureAsync(new GetErasureRequest { RequestId = Guid.NewGuid().ToString() }, Administrator)).Services).State);
    }

    [Fact]
    public async Task A_row_an_import_rejected_is_exported_and_erased_with_its_person_who_never_became_a_lead()
    {
        var email = Requests.Email();
        var done = (await Imports.RunAsync(leads, LeadLists.File(LeadLists.Row(email: email, phone: "ext. 12"))))[^1];
        Assert.Equal(1, done.Rejected);

        var export = await Privacy.ExportPersonalDataAsync(new ExportPersonalDataRequest { Email = email }, Administrator);

        var record = Assert.Single(export.Records);
        Assert.Equal(("lead import rejection", done.ImportId), (record.Kind, record.Id));
        Assert.Contains(email, record.Fields.Single(f => f.Name == "raw_line").Value, StringComparison.Ordinal);

        var erasure = await EraseAsync(email);

        Assert.Equal(1, Assert.Single(erasure.Services).Records);
        var rejection = Assert.Single(await Imports.RejectionsAsync(leads, done.ImportId));
        Assert.StartsWith("erased-", rejection.RawLine, StringComparison.Ordinal);
        Assert.Equal(2, rejection.Line);
        Assert.Equal(0, await leads.ScalarAsync("SELECT count(*) FROM lead_import_rejections WHERE concat(raw_line, reason, email_key) ILIKE '%' || $1 || '%'", email));
    }

    /// <summary>Asks for the person's erasure, as pending at first, and waits until it is complete.</summary>
    private async Task<Erasure> EraseAsync(string email)
    {
        var requested = await Privacy.RequestErasureAsync(new RequestErasureRequest { Email = email }, Administrator);
        Assert.Equal(ErasureState.Pending, Assert.Single(requested.Services).State);
        Erasure? erasure = null;
        Assert.True(await Poll.UntilAsync(
            async _ => (erasure = await Privacy.GetErasureAsync(new GetErasureRequest { RequestId = requested.RequestId }, Administrator)).Complete,
            Deadline,
            TestContext.Current.CancellationToken));
        return erasure!;
    }

    private async Task<(CaptureLeadRequest Request, Lead Lead)> CaptureAsync()
    {
        var request = Requests.Lead();
        (request.Contact.FirstName, request.Contact.LastName) = ($"Wilhelmina{Guid.NewGuid():N}"[..16], $"Erasable{Guid.NewGuid():N}"[..20]);
        request.Contact.Phone = $"+49 40 55{Random.Shared.Next(10000, 100000)}";
        request.Notes = $"Asked {request.Contact.FirstName} {request.Contact.LastName} to write to {request.Contact.Email}";
        var lead = (await leads.Api.CaptureLeadAsync(request, TestCalls.As("maria", Deadline, CrmRoles.Marketing))).Lead;
        return (request, lead);
    }
}
