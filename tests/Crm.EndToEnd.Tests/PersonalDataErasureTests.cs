using Crm.Api;
using Crm.Common.Grpc.V1;
using Crm.Leads.Grpc.V1;
using Crm.Opportunities.Grpc.V1;
using Crm.Orders.Grpc.V1;
using Crm.Privacy.Grpc.V1;
using CrmPlatform.ServiceDefaults;
using Grpc.Core;
using Npgsql;

namespace Crm.EndToEnd.Tests;

/// <summary>
/// A person who was a lead, then a customer's contact on a won, invoiced deal, asks for what the platform holds about
/// them and then to be forgotten: the export names every record in every service; the erasure reaches every service
/// once, after which no text column of any table of any service's database holds their name, e-mail or phone, while
/// the order and its invoice remain.
/// </summary>
public sealed class PersonalDataErasureTests(PlatformFixture platform)
{
    private const string FirstName = "Zenobia";
    private const string LastName = "Quillfeather";
    private const string Phone = "+49 40 5550177";

    // What may not be left anywhere, case ignored: the e-mail's parts are the names, the phone's national digits.
    private static readonly string[] Traces = [FirstName, LastName, "405550177"];

    private readonly Journey _journey = new(platform);

    [Fact]
    public async Task An_erased_person_is_found_in_no_text_column_of_any_service_while_their_orders_and_invoices_remain()
    {
        var company = $"Larkspur Optics {Guid.NewGuid():N}"[..24];
        var email = $"{FirstName}.{LastName}@{company.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant()}.example";
        var (leadId, opportunityId, customerId) = await ALeadBecomesAContactOfACustomerAsync(company, email);
        var orderId = await TheDealIsWonAndInvoicedAsync(opportunityId, customerId, email);

        // The export: the lead at marketing and the contact at sales, each with the person's details; administrators only.
        var export = await _journey.CallAsync((api, o) => api.PersonalData.ExportPersonalDataAsync(new ExportPersonalDataRequest { Email = "  " + email.ToUpperInvariant() }, o));
        Assert.Empty(export.Unavailable);
        var lead = Assert.Single(export.Records, r => r.Service == CrmResources.Leads.Name && r.Kind == "lead");
        Assert.Equal(leadId, lead.Id);

        // Leads also keeps the contact's keys, to find a lead list's rows of a known person.
        var known = Assert.Single(export.Records, r => r.Service == CrmResources.Leads.Name && r.Kind == "known contact");
        Assert.Contains(known.Fields, f => f.Name == "email_key" && string.Equals(f.Value, email, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(lead.Fields, f => f.Name == "contact.email" && f.Value == email);
        Assert.Contains(lead.Fields, f => f.Name == "consents.email" && f.Value.StartsWith("consent", StringComparison.Ordinal));
        var contact = Assert.Single(export.Records, r => r.Service == CrmResources.Opportunities.Name);
        Assert.Equal("contact", contact.Kind);
        Assert.Contains(contact.Fields, f => f.Name == "last_name" && f.Value == LastName);
        var notAnAdministrator = await _journey.StatusOfAsync((api, o) => api.PersonalData.ExportPersonalDataAsync(new ExportPersonalDataRequest { Email = email }, o), "maria");
        Assert.Equal(StatusCode.PermissionDenied, notAnAdministrator.StatusCode);
        var blank = await _journey.StatusOfAsync((api, o) => api.PersonalData.ExportPersonalDataAsync(new ExportPersonalDataRequest { Email = " " }, o));
        Assert.Equal(StatusCode.InvalidArgument, blank.StatusCode);
        Assert.StartsWith("email:", blank.Detail, StringComparison.Ordinal);

        // The erasure: one event, applied by each service once.
        var requested = await _journey.CallAsync((api, o) => api.PersonalData.ErasePersonalDataAsync(new RequestErasureRequest { Email = email }, o));
        Assert.Equal(5, requested.Services.Count);
        var erased = await _journey.EventuallyAsync(
            "every service erased the person",
            () => _journey.CallAsync((api, o) => api.PersonalData.GetErasureAsync(new GetErasureRequest { RequestId = requested.RequestId }, o)),
            e => e.Complete);
        Assert.All(erased.Services, s => Assert.Equal(ErasureState.Erased, s.State));
        Assert.Equal(1, erased.Services.Single(s => s.Service == CrmResources.Leads.Name).Records);
        Assert.Equal(1, erased.Services.Single(s => s.Service == CrmResources.Opportunities.Name).Records);

        // Nothing left: every text column of every table of every service's database, outboxes and audit trails included.
        var found = new List<string>();
        foreach (var service in new[] { CrmResources.Leads, CrmResources.Opportunities, CrmResources.Forecasts, CrmResources.Orders, CrmResources.Support })
        {
            found.AddRange(await TracesInAsync(platform.DatabaseAsAdministrator(service.Database!)));
        }

        Assert.True(found.Count == 0, $"the person is still in: {string.Join("; ", found)}");
        Assert.Empty((await _journey.CallAsync((api, o) => api.PersonalData.ExportPersonalDataAsync(new ExportPersonalDataRequest { Email = email }, o))).Records);

        // What the law requires to keep stays: the order and its invoice, and the deal the order came from.
        var order = await _journey.CallAsync((api, o) => api.Orders.GetOrderAsync(new GetOrderRequest { OrderId = orderId }, o));
        Assert.Single(order.Invoices);
        Assert.Equal(180000m, MoneyConversions.Read(order.Total, "total").Amount);
        Assert.Equal(Stage.Won, (await _journey.CallAsync((api, o) => api.Opportunities.GetOpportunityAsync(new GetOpportunityRequest { OpportunityId = opportunityId }, o))).Stage);
    }

    private async Task<(string LeadId, string OpportunityId, string CustomerId)> ALeadBecomesAContactOfACustomerAsync(string company, string email)
    {
        var campaign = await _journey.CallAsync((api, o) => api.Leads.LaunchCampaignAsync(new LaunchCampaignRequest
        {
            Name = "Photonics West", Type = CampaignType.TradeShowCampaign,
            StartsOn = DateConversions.ToDate(Today.AddDays(-10)), EndsOn = DateConversions.ToDate(Today.AddDays(-8)),
        }, o), "maria");
        var lead = (await _journey.CallAsync((api, o) => api.Leads.CaptureLeadAsync(new CaptureLeadRequest
        {
            Source = LeadSource.TradeShow, CampaignId = campaign.CampaignId,
            Company = new Company { Name = company, Address = new Crm.Common.Grpc.V1.PostalAddress { Street = "Speicherstadt 7", City = "Hamburg", PostalCode = "20095", Country = "DE" } },
            Contact = new Person { FirstName = FirstName, LastName = LastName, Title = "Head of Optics", Email = email, Phone = Phone, BuyingRole = BuyingRole.EconomicBuyer },
            Notes = $"Met {FirstName} {LastName} at the booth; write to {email}",
        }, o), "maria")).Lead;
        await _journey.CallAsync((api, o) => api.Leads.RecordLeadConsentAsync(new RecordLeadConsentRequest { LeadId = lead.LeadId, Channel = ContactChannel.Email, Granted = true, Source = "booth sign-up sheet" }, o), "maria");
        await _journey.CallAsync((api, o) => api.Leads.QualifyLeadAsync(new QualifyLeadRequest
        {
            LeadId = lead.LeadId,
            Qualification = new Qualification { Budget = MoneyConversions.ToMoney(200000m, "EUR"), HasAuthority = true, Need = "Lens inspection", DecisionBy = DateConversions.ToDate(Today.AddDays(30)), Urgency = Urgency.High },
        }, o), "irene");
        var converted = await _journey.CallAsync((api, o) => api.Leads.ConvertLeadAsync(new ConvertLeadRequest { LeadId = lead.LeadId, OpportunityOwnerId = "otto", OpportunityName = "Inspection cells" }, o), "irene");
        var opportunity = await _journey.EventuallyAsync(
            "the deal is open at sales",
            () => _journey.CallAsync((api, o) => api.Opportunities.GetOpportunityAsync(new GetOpportunityRequest { OpportunityId = converted.OpportunityId }, o)),
            o => o.Stage == Stage.Qualification);
        await _journey.EventuallyAsync(
            "the person is a contact of the customer",
            () => _journey.CallAsync((api, o) => api.Opportunities.GetAccountAsync(new GetAccountRequest { CustomerId = opportunity.CustomerId }, o)),
            a => a.Contacts.Any(c => c.LastName == LastName));
        return (lead.LeadId, converted.OpportunityId, opportunity.CustomerId);
    }

    private async Task<string> TheDealIsWonAndInvoicedAsync(string opportunityId, string customerId, string email)
    {
        // Free text that names the person in full: found and replaced too.
        await _journey.CallAsync((api, o) => api.Opportunities.LogActivityAsync(new LogActivityRequest
        {
            CustomerId = customerId, OpportunityId = opportunityId, Kind = ActivityKind.Call, Department = Department.OutsideSales,
            Subject = $"Called {FirstName} {LastName} ({email}) about the trial",
        }, o), "otto");
        await _journey.CallAsync((api, o) => api.Opportunities.WinOpportunityAsync(new WinOpportunityRequest
        {
            OpportunityId = opportunityId, PurchaseOrderNumber = "PO-4411",
            Lines = { new OpportunityLine { ProductId = "7f3c2a10-5b1e-4c7d-9a41-0c2f8e6d1a01", ProductName = "Inspection cell", Quantity = "2", UnitPrice = MoneyConversions.ToMoney(90000m, "EUR") } },
            ShipTo = new Crm.Common.Grpc.V1.PostalAddress { Street = "Kai 9", City = "Hamburg", PostalCode = "20457", Country = "DE" },
        }, o), "otto");
        var orders = await _journey.EventuallyAsync(
            "the order is booked",
            () => _journey.CallAsync((api, o) => api.Orders.GetCustomerOrdersAsync(new GetCustomerOrdersRequest { CustomerId = customerId }, o)),
            c => c.Orders.Any(o => o.OpportunityId == opportunityId));
        var orderId = orders.Orders.Single(o => o.OpportunityId == opportunityId).OrderId;
        await _journey.CallAsync((api, o) => api.Orders.IssueInvoiceAsync(new IssueInvoiceRequest { OrderId = orderId, DueOn = DateConversions.ToDate(Today.AddDays(30)) }, o), "anna");
        return orderId;
    }

    /// <summary>Each column of <paramref name="connectionString"/>'s database that holds a trace of the person, as "table.column: trace".</summary>
    private static async Task<List<string>> TracesInAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var columns = new List<(string Table, string Column)>();
        await using (var read = new NpgsqlCommand(
            """
            SELECT c.table_name, c.column_name FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
              AND (c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json') OR c.udt_name IN ('_text', '_varchar'))
            """,
            connection))
        await using (var reader = await read.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.Contains(columns, c => c.Table == "outbox_messages" && c.Column == "body");
        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            foreach (var trace in Traces)
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE \"{column}\"::text ILIKE '%' || $1 || '%'", connection);
                count.Parameters.Add(new NpgsqlParameter { Value = trace });
                if ((long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))! > 0)
                {
                    found.Add($"{connection.Database}.{table}.{column}: {trace}");
                }
            }
        }

        return found;
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
}
