using Crm.Api;
using Crm.Common.Grpc.V1;
using Crm.Forecasts.Grpc.V1;
using Crm.Gateway.Grpc.V1;
using Grpc.Core;
using Crm.Leads.Grpc.V1;
using Crm.Opportunities.Grpc.V1;
using Crm.Orders.Grpc.V1;
using Crm.Support.Grpc.V1;
using Google.Protobuf.WellKnownTypes;

namespace Crm.EndToEnd.Tests;

/// <summary>
/// One customer's journey through every department, only through the gateway: campaign, lead with its source,
/// qualification, conversion, the deal through its stages with Inside and Outside Sales on one timeline, the
/// forecast, the win, the order booked with no re-entry, shipping and invoicing, an overdue invoice putting the
/// customer on credit hold so that the next deal cannot be won, payment lifting it, a priority-1 problem before a
/// sales meeting, and the view still answering with the support service down.
/// </summary>
public sealed class CustomerJourneyTests(PlatformFixture platform)
{
    private readonly Journey _journey = new(platform);

    [Fact]
    public async Task A_customer_goes_from_trade_show_lead_to_paying_customer_and_every_department_sees_the_same_record()
    {
        var company = $"Harbor Robotics {Guid.NewGuid():N}"[..26];
        var sale = await MarketingAndInsideSalesAsync(company);
        await OutsideSalesAndForecastAsync(sale);
        var invoiceId = await OrderEntryAndAccountingAsync(sale);
        await CreditHoldAsync(sale, invoiceId);
        var view = await SupportBeforeTheMeetingAsync(sale);

        // Every part of the customer, and one timeline from every department, newest first.
        Assert.Equal(company, view.Account.Name);
        Assert.Contains(view.Account.Contacts, c => c.Email == "grace@" + Domain(company) && c.BuyingRole == BuyingRole.EconomicBuyer);
        Assert.Contains(view.Origin.Leads, l => l.LeadId == sale.LeadId && l.Source == LeadSource.TradeShow && l.CampaignId == sale.CampaignId);
        Assert.Contains(view.Opportunities, o => o.OpportunityId == sale.OpportunityId && o.Stage == Stage.Won);
        Assert.All(view.Sections, s => Assert.Equal(SectionState.Ok, s.State));
        var times = view.Timeline.Select(e => e.At.ToDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Contains(view.Timeline, e => e.Department == Department.InsideSales && e.Source == TimelineSource.SalesActivity);
        Assert.Contains(view.Timeline, e => e.Department == Department.OutsideSales && e.Source == TimelineSource.SalesActivity);
        foreach (var source in new[] { TimelineSource.Order, TimelineSource.Shipment, TimelineSource.Invoice, TimelineSource.Payment, TimelineSource.Case, TimelineSource.SupportInteraction })
        {
            Assert.Contains(view.Timeline, e => e.Source == source);
        }

        // With support down, the view still answers within its deadline and says which part is missing.
        await platform.StopServiceAsync("support");
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var degraded = await _journey.CallAsync((api, o) => api.CustomerView.GetCustomerViewAsync(new GetCustomerViewRequest { CustomerId = sale.CustomerId }, o));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the view took {clock.Elapsed}");
            Assert.Equal(SectionState.Unavailable, degraded.Sections.Single(s => s.Section == "support").State);
            Assert.Equal(company, degraded.Account.Name);
        }
        finally
        {
            await platform.RestartServiceAsync("support");
        }
    }

    /// <summary>Marketing captures the lead with its source; Inside Sales qualifies and converts it; the company
    /// becomes a customer account with an open deal.</summary>
    private async Task<Sale> MarketingAndInsideSalesAsync(string company)
    {
        var campaign = await _journey.CallAsync((api, o) => api.Leads.LaunchCampaignAsync(new LaunchCampaignRequest
        {
            Name = "Automatica 2026", Type = CampaignType.TradeShowCampaign,
            StartsOn = DateConversions.ToDate(Today.AddDays(-10)), EndsOn = DateConversions.ToDate(Today.AddDays(-7)),
            Budget = MoneyConversions.ToMoney(25000m, "EUR"),
        }, o), "maria");
        var lead = (await CaptureAsync(company, "grace@" + Domain(company), campaign.CampaignId)).Lead;
        Assert.Equal(LeadSource.TradeShow, lead.Source);
        var duplicate = await CaptureAsync(company, "  GRACE@" + Domain(company).ToUpperInvariant(), campaign.CampaignId);
        Assert.True(duplicate.Duplicate);
        Assert.Equal(lead.LeadId, duplicate.Lead.LeadId);
        await QualifyAsync(lead.LeadId);
        var converted = await _journey.CallAsync((api, o) => api.Leads.ConvertLeadAsync(new ConvertLeadRequest { LeadId = lead.LeadId, OpportunityOwnerId = "otto", OpportunityName = "Welding cells" }, o), "irene");

        var customerId = (await _journey.EventuallyAsync("the converted company is a customer",
            () => _journey.CallAsync((api, o) => api.CustomerView.SearchCustomersAsync(new SearchCustomersRequest { Query = company }, o)),
            found => found.Matches.Count == 1)).Matches[0].CustomerId;
        await _journey.EventuallyAsync("the opportunity is open in Qualification",
            () => _journey.CallAsync((api, o) => api.Opportunities.GetOpportunityAsync(new GetOpportunityRequest { OpportunityId = converted.OpportunityId }, o)),
            o => o.Stage == Stage.Qualification && o.CustomerId == customerId);
        return new Sale(company, campaign.CampaignId, lead.LeadId, customerId, converted.OpportunityId);
    }

    /// <summary>Inside Sales calls, Outside Sales works the deal through the stages, and Sales Management sees it in
    /// the pipeline and the forecast, typed by nobody.</summary>
    private async Task OutsideSalesAndForecastAsync(Sale sale)
    {
        await _journey.CallAsync((api, o) => api.Opportunities.LogActivityAsync(Activity(sale, ActivityKind.Call, "Confirmed budget and timing", Department.InsideSales), o), "irene");
        await _journey.CallAsync((api, o) => api.Opportunities.UpdateDealAsync(new UpdateDealRequest
        {
            OpportunityId = sale.OpportunityId, Amount = MoneyConversions.ToMoney(180000m, "EUR"), CloseDate = DateConversions.ToDate(Today.AddDays(20)),
            Lines = { Line(WeldingCell, "Welding cell", "2", 90000m) },
        }, o), "otto");
        foreach (var stage in new[] { Stage.Proposal, Stage.Negotiation, Stage.Closing })
        {
            await _journey.CallAsync((api, o) => api.Opportunities.ChangeStageAsync(new ChangeStageRequest { OpportunityId = sale.OpportunityId, Stage = stage }, o), "otto");
        }

        await _journey.CallAsync((api, o) => api.Opportunities.LogActivityAsync(Activity(sale, ActivityKind.EmailOut, "Sent the final proposal", Department.OutsideSales), o), "otto");
        await _journey.EventuallyAsync("the pipeline shows the deal in Closing",
            () => _journey.CallAsync((api, o) => api.Forecasts.GetPipelineAsync(new GetPipelineRequest { OwnerId = "otto", CurrencyCode = "EUR" }, o)),
            p => p.Stages.Any(s => s.Stage == "CLOSING" && s.Count >= 1 && MoneyConversions.Read(s.Total, "total").Amount >= 180000m));
        await _journey.EventuallyAsync("the year's forecast shows the deal for its owner",
            () => _journey.CallAsync((api, o) => api.Forecasts.GetForecastAsync(new GetForecastRequest { Period = PeriodKind.Year, Within = DateConversions.ToDate(Today.AddDays(20)), OwnerId = "otto", CurrencyCode = "EUR" }, o)),
            f => f.Owners.Any(o => o.OwnerId == "otto" && o.OpenCount >= 1));
    }

    /// <summary>The win becomes an order with no re-entry; Order Entry ships it and Accounting invoices it.</summary>
    private async Task<string> OrderEntryAndAccountingAsync(Sale sale)
    {
        await _journey.CallAsync((api, o) => api.Opportunities.WinOpportunityAsync(new WinOpportunityRequest
        {
            OpportunityId = sale.OpportunityId, Lines = { Line(WeldingCell, "Welding cell", "2", 90000m) }, PurchaseOrderNumber = "PO-7781",
            ShipTo = new PostalAddress { Street = "Kai 3", City = "Hamburg", PostalCode = "20457", Country = "DE" },
        }, o), "otto");
        var booked = (await ViewWhenAsync(sale.CustomerId, "the order is booked", v => v.Orders.Any(o => o.OpportunityId == sale.OpportunityId && o.Status == OrderStatus.Booked)))
            .Orders.Single(o => o.OpportunityId == sale.OpportunityId);
        Assert.Equal(WeldingCell, Assert.Single(booked.Lines).ProductId);
        Assert.Equal(180000m, MoneyConversions.Read(booked.Total, "total").Amount);
        Assert.Equal("PO-7781", booked.PurchaseOrderNumber);

        await _journey.CallAsync((api, o) => api.Orders.ShipOrderAsync(new ShipOrderRequest { OrderId = booked.OrderId, Carrier = "DB Schenker", TrackingNumber = "DBS-1" }, o), "oskar");
        var invoice = await _journey.CallAsync((api, o) => api.Orders.IssueInvoiceAsync(new IssueInvoiceRequest { OrderId = booked.OrderId, DueOn = DateConversions.ToDate(Today.AddDays(-1)) }, o), "anna");
        return invoice.InvoiceId;
    }

    /// <summary>The overdue invoice puts the customer on credit hold: the view says why, sales sees it on the account and
    /// cannot win the next deal while it lasts (its order would be refused); payment lifts it, and the deal is won and
    /// booked.</summary>
    private async Task CreditHoldAsync(Sale sale, string invoiceId)
    {
        var onHold = await ViewWhenAsync(sale.CustomerId, "the customer is on credit hold", v => v.Credit is { OnHold: true });
        Assert.Contains(onHold.Signals, s => s.Kind == SignalKind.CreditHold);

        var secondOpportunity = await SecondDealAsync(sale);
        await AccountWhenAsync(sale.CustomerId, "sales sees the hold", a => a.CreditHoldReason.Length > 0);
        var win = new WinOpportunityRequest { OpportunityId = secondOpportunity, Lines = { Line(ServicePlan, "Service plan", "1", 12000m) } };
        var refused = await _journey.StatusOfAsync((api, o) => api.Opportunities.WinOpportunityAsync(win, o));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("credit hold", refused.Detail, StringComparison.Ordinal);

        await _journey.CallAsync((api, o) => api.Orders.RecordPaymentAsync(new RecordPaymentRequest { InvoiceId = invoiceId, Amount = MoneyConversions.ToMoney(180000m, "EUR") }, o), "anna");
        var lifted = await ViewWhenAsync(sale.CustomerId, "the credit hold is lifted", v => v.Credit is { OnHold: false });
        Assert.DoesNotContain(lifted.Signals, s => s.Kind == SignalKind.CreditHold);
        await AccountWhenAsync(sale.CustomerId, "sales sees the release", a => a.CreditHoldReason.Length == 0);
        await _journey.CallAsync((api, o) => api.Opportunities.WinOpportunityAsync(win, o), "otto");
        await ViewWhenAsync(sale.CustomerId, "the second order is booked", v => v.Orders.Any(o => o.OpportunityId == secondOpportunity && o.Status == OrderStatus.Booked));
    }

    private Task<Crm.Opportunities.Grpc.V1.Account> AccountWhenAsync(string customerId, string what, Func<Crm.Opportunities.Grpc.V1.Account, bool> done) =>
        _journey.EventuallyAsync(what, () => _journey.CallAsync((api, o) => api.Opportunities.GetAccountAsync(new GetAccountRequest { CustomerId = customerId }, o), "otto"), done);

    /// <summary>Technical Support has a priority-1 problem open while Outside Sales has a meeting in two days.</summary>
    private async Task<CustomerView> SupportBeforeTheMeetingAsync(Sale sale)
    {
        var meeting = await _journey.CallAsync((api, o) => api.Opportunities.ScheduleMeetingAsync(new ScheduleMeetingRequest
        {
            CustomerId = sale.CustomerId, OpportunityId = sale.OpportunityId, Subject = "Expansion workshop",
            StartsAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(2)), EndsAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(2).AddHours(2)),
        }, o), "otto");
        // Support learns the customer from AccountCreated: on a busy machine it may not know it yet (NOT_FOUND).
        var problem = await _journey.EventuallyAsync(
            "support knows the customer",
            () => _journey.CallAsync((api, o) => api.Support.OpenCaseAsync(new OpenCaseRequest { CustomerId = sale.CustomerId, Kind = CaseKind.Problem, Priority = 1, Subject = "Cell 2 stops mid-weld" }, o), "tom"),
            _ => true);
        await _journey.CallAsync((api, o) => api.Support.LogInteractionAsync(new LogInteractionRequest { CaseId = problem.CaseId, Channel = InteractionChannel.Phone, Summary = "Remote diagnosis started", Department = Department.TechnicalSupport }, o), "tom");
        var view = await ViewWhenAsync(sale.CustomerId, "the P1 problem before the meeting is signalled",
            v => v.Signals.Any(s => s.Kind == SignalKind.OpenP1BeforeMeeting) && v.Cases.Count == 1);
        Assert.Contains(view.Signals.Single(s => s.Kind == SignalKind.OpenP1BeforeMeeting).ReferenceIds, r => r == meeting.MeetingId);
        Assert.Contains(view.UpcomingMeetings, m => m.MeetingId == meeting.MeetingId);
        return view;
    }

    // Products are identified by UUID, as in the catalogue the deal lines refer to.
    private const string WeldingCell = "7f3c2a10-5b1e-4c7d-9a41-0c2f8e6d1a01";
    private const string ServicePlan = "7f3c2a10-5b1e-4c7d-9a41-0c2f8e6d1a02";

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Domain(string company) => company.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant() + ".example";

    private static OpportunityLine Line(string product, string name, string quantity, decimal price) =>
        new() { ProductId = product, ProductName = name, Quantity = quantity, UnitPrice = MoneyConversions.ToMoney(price, "EUR") };

    private static LogActivityRequest Activity(Sale sale, ActivityKind kind, string subject, Department department) =>
        new() { CustomerId = sale.CustomerId, OpportunityId = sale.OpportunityId, Kind = kind, Subject = subject, Department = department };

    private Task<CaptureLeadResponse> CaptureAsync(string company, string email, string campaignId) =>
        _journey.CallAsync((api, o) => api.Leads.CaptureLeadAsync(new CaptureLeadRequest
        {
            Source = LeadSource.TradeShow, CampaignId = campaignId,
            Company = new Company { Name = company, Industry = "Manufacturing", EmployeeCount = 240 },
            Contact = new Person { FirstName = "Grace", LastName = "Okafor", Title = "COO", Email = email, Phone = "+49 40 5550101", BuyingRole = BuyingRole.EconomicBuyer },
        }, o), "maria");

    private Task<Lead> QualifyAsync(string leadId) =>
        _journey.CallAsync((api, o) => api.Leads.QualifyLeadAsync(new QualifyLeadRequest
        {
            LeadId = leadId,
            Qualification = new Qualification
            {
                Budget = MoneyConversions.ToMoney(200000m, "EUR"), HasAuthority = true, Need = "Automate two welding lines",
                DecisionBy = DateConversions.ToDate(Today.AddDays(30)), Urgency = Urgency.High, Requirements = { "CE certified", "On-site training" },
            },
        }, o), "irene");

    /// <summary>A second contact of the same company becomes a second deal on the same account.</summary>
    private async Task<string> SecondDealAsync(Sale sale)
    {
        var (company, campaignId, customerId) = (sale.Company, sale.CampaignId, sale.CustomerId);
        var second = await _journey.CallAsync((api, o) => api.Leads.CaptureLeadAsync(new CaptureLeadRequest
        {
            Source = LeadSource.Referral, CampaignId = campaignId,
            Company = new Company { Name = company },
            Contact = new Person { FirstName = "Hal", LastName = "Berg", Email = "hal@" + Domain(company), BuyingRole = BuyingRole.TechnicalEvaluator },
        }, o), "maria");
        await QualifyAsync(second.Lead.LeadId);
        var converted = await _journey.CallAsync((api, o) => api.Leads.ConvertLeadAsync(new ConvertLeadRequest { LeadId = second.Lead.LeadId, OpportunityOwnerId = "otto", OpportunityName = "Service plan" }, o), "irene");
        await _journey.EventuallyAsync("the second deal opens on the same account",
            () => _journey.CallAsync((api, o) => api.Opportunities.GetOpportunityAsync(new GetOpportunityRequest { OpportunityId = converted.OpportunityId }, o)),
            o => o.CustomerId == customerId);
        return converted.OpportunityId;
    }

    /// <summary>
    /// The customer's view once <paramref name="done"/> holds and every section answered: on a loaded machine one
    /// service can miss the view's section deadline, and that view is retried rather than asserted on.
    /// </summary>
    private Task<CustomerView> ViewWhenAsync(string customerId, string what, Func<CustomerView, bool> done) =>
        _journey.EventuallyAsync(
            what,
            () => _journey.CallAsync((api, o) => api.CustomerView.GetCustomerViewAsync(new GetCustomerViewRequest { CustomerId = customerId }, o)),
            v => v.Sections.All(s => s.State == SectionState.Ok) && done(v));
}
