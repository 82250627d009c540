using Crm.Api;
using Crm.Common.Grpc.V1;
using Crm.Gateway.Grpc.V1;
using Crm.Api.Clients;
using Crm.Leads.Grpc.V1;
using Crm.Opportunities.Grpc.V1;
using Crm.Orders.Grpc.V1;
using Crm.Support.Grpc.V1;
using CrmPlatform.LocalServers;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;

namespace CrmPlatform.AppHost.Demo;

/// <summary>
/// Loads the demo company through the gateway, as people would: Marketing launches campaigns and captures leads,
/// Inside Sales qualifies and converts, Outside Sales works each deal to its stage, and the featured customer goes on
/// to an order, an overdue invoice, a meeting and a priority-1 problem, so that its view shows every department. Then
/// the two years of sales before today (<see cref="DemoHistory"/>), so that the sales managers' reports have a past.
/// </summary>
internal sealed class DemoLoader(GatewayClients gateway, DemoPeople people, CancellationToken cancellationToken)
{
    private static readonly Stage[] Path = [Stage.Proposal, Stage.Negotiation, Stage.HandlingObjections, Stage.Closing];
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    // Products are identified by UUID, as in the catalogue deal lines refer to.
    private const string AutomationCell = "7f3c2a10-5b1e-4c7d-9a41-0c2f8e6d1a03";

    // Two days from now, at midnight UTC: the featured customer's sales meeting is that morning.
    private static readonly DateTimeOffset MeetingDay = new(Today.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Loads everything and returns the featured customer's id.</summary>
    public async Task<string> LoadAsync()
    {
        if (!await gateway.EveryServiceAnswersAsync(ct => people.TokenOfAsync("ada", ct), TimeSpan.FromMinutes(3), cancellationToken))
        {
            throw new InvalidOperationException("the services did not answer through the gateway within 3 minutes");
        }

        var campaigns = new List<string>();
        foreach (var (name, type, cost) in DemoData.Campaigns)
        {
            var campaign = await CallAsync((api, o) => api.Leads.LaunchCampaignAsync(new LaunchCampaignRequest
            {
                Name = name, Type = type, StartsOn = DateConversions.ToDate(Today.AddDays(-60)), EndsOn = DateConversions.ToDate(Today.AddDays(-45)),
                Budget = MoneyConversions.ToMoney(cost, "EUR"),
            }, o), "maria");
            await CallAsync((api, o) => api.Leads.RecordCampaignCostAsync(new RecordCampaignCostRequest { CampaignId = campaign.CampaignId, Amount = MoneyConversions.ToMoney(cost, "EUR"), Description = "Invoice from the organiser" }, o), "maria");
            campaigns.Add(campaign.CampaignId);
        }

        var featured = string.Empty;
        for (var i = 0; i < DemoData.Leads.Count; i++)
        {
            var lead = DemoData.Leads[i];
            var (customerId, opportunityId) = await LeadAsync(lead, lead.Campaign < 0 ? string.Empty : campaigns[lead.Campaign], owner: i % 2 == 0 ? "otto" : "olivia");
            if (lead.Company == DemoData.FeaturedCompany && customerId is not null)
            {
                featured = customerId;
                await FeaturedStoryAsync(customerId, opportunityId!);
            }
        }

        await HistoryAsync();
        return featured;
    }

    /// <summary>The two years of sales before today (<see cref="DemoHistory"/>), brought in as deals of the past.</summary>
    private async Task HistoryAsync()
    {
        var customerIds = new List<string>();
        foreach (var name in DemoHistory.Accounts)
        {
            var found = await CallAsync((api, o) => api.Opportunities.SearchAccountsAsync(new SearchAccountsRequest { Query = name }, o), "ada");
            customerIds.Add(found.Accounts.FirstOrDefault(a => a.Name == name)?.CustomerId
                ?? (await CallAsync((api, o) => api.Opportunities.CreateAccountAsync(new CreateAccountRequest { Name = name, Industry = "Manufacturing" }, o), "ada")).CustomerId);
        }

        foreach (var batch in DemoHistory.Generate(Today, customerIds).Chunk(250))
        {
            await CallAsync((api, o) => api.Opportunities.ImportDealHistoryAsync(new ImportDealHistoryRequest { Deals = { batch } }, o), "ada");
        }
    }

    private async Task<(string? CustomerId, string? OpportunityId)> LeadAsync(DemoLead lead, string campaignId, string owner)
    {
        var captured = await CallAsync((api, o) => api.Leads.CaptureLeadAsync(new CaptureLeadRequest
        {
            Source = lead.Source, CampaignId = campaignId,
            Company = new Company { Name = lead.Company, Industry = "Manufacturing", EmployeeCount = 120 + (lead.Company.Length * 17) },
            Contact = new Person { FirstName = lead.Contact.First, LastName = lead.Contact.Last, Title = lead.Title, Email = DemoData.Email(lead.Contact, lead.Company), BuyingRole = lead.Role },
        }, o), "maria");
        var leadId = captured.Lead.LeadId;
        switch (lead.Outcome)
        {
            case DemoOutcome.New:
                return (null, null);
            case DemoOutcome.Disqualified:
                await CallAsync((api, o) => api.Leads.DisqualifyLeadAsync(new DisqualifyLeadRequest { LeadId = leadId, Reason = DisqualificationReason.NoBudget, Note = "No budget before next fiscal year" }, o), "irene");
                return (null, null);
        }

        await CallAsync((api, o) => api.Leads.QualifyLeadAsync(new QualifyLeadRequest
        {
            LeadId = leadId,
            Qualification = new Qualification
            {
                Budget = MoneyConversions.ToMoney(Math.Max(lead.Amount, 40_000m), "EUR"), HasAuthority = lead.Role is BuyingRole.EconomicBuyer or BuyingRole.DecisionMaker,
                Need = "Automate a production line", DecisionBy = DateConversions.ToDate(Today.AddDays(45)), Urgency = Urgency.Medium,
            },
        }, o), "irene");
        if (lead.Outcome == DemoOutcome.Qualified)
        {
            return (null, null);
        }

        var converted = await CallAsync((api, o) => api.Leads.ConvertLeadAsync(new ConvertLeadRequest { LeadId = leadId, OpportunityOwnerId = owner, OpportunityName = $"{lead.Company}: automation" }, o), "irene");
        var opportunity = await EventuallyAsync(() => CallAsync((api, o) => api.Opportunities.GetOpportunityAsync(new GetOpportunityRequest { OpportunityId = converted.OpportunityId }, o), "otto"));
        await CallAsync((api, o) => api.Opportunities.LogActivityAsync(new LogActivityRequest
        {
            CustomerId = opportunity.CustomerId, OpportunityId = opportunity.OpportunityId, Kind = ActivityKind.Call, Subject = "Qualification call", Department = Department.InsideSales,
        }, o), "irene");
        await WorkTheDealAsync(lead, opportunity.OpportunityId, owner);
        return (opportunity.CustomerId, opportunity.OpportunityId);
    }

    private async Task WorkTheDealAsync(DemoLead lead, string opportunityId, string owner)
    {
        var lines = new OpportunityLine { ProductId = AutomationCell, ProductName = "Automation cell", Quantity = "1", UnitPrice = MoneyConversions.ToMoney(lead.Amount, "EUR") };
        await CallAsync((api, o) => api.Opportunities.UpdateDealAsync(new UpdateDealRequest
        {
            OpportunityId = opportunityId, Amount = MoneyConversions.ToMoney(lead.Amount, "EUR"), CloseDate = DateConversions.ToDate(Today.AddDays(30)), Lines = { lines },
        }, o), owner);
        var target = lead.Stage is Stage.Won or Stage.Lost ? Stage.Closing : lead.Stage;
        foreach (var stage in Path.TakeWhile(s => s <= target))
        {
            await CallAsync((api, o) => api.Opportunities.ChangeStageAsync(new ChangeStageRequest { OpportunityId = opportunityId, Stage = stage }, o), owner);
        }

        if (lead.Stage == Stage.Won)
        {
            await CallAsync((api, o) => api.Opportunities.WinOpportunityAsync(new WinOpportunityRequest
            {
                OpportunityId = opportunityId, Lines = { lines }, PurchaseOrderNumber = "PO-" + (4000 + lead.Company.Length),
                ShipTo = new PostalAddress { Street = "Harbour Road 12", City = "Hamburg", PostalCode = "20457", Country = "DE" },
            }, o), owner);
        }
        else if (lead.Stage == Stage.Lost)
        {
            await CallAsync((api, o) => api.Opportunities.LoseOpportunityAsync(new LoseOpportunityRequest { OpportunityId = opportunityId, Reason = "Chose a cheaper competitor" }, o), owner);
        }
    }

    /// <summary>The featured customer's order falls overdue (credit hold), a sales meeting comes up in two days and
    /// Technical Support has a priority-1 problem open: its view joins every department.</summary>
    private async Task FeaturedStoryAsync(string customerId, string opportunityId)
    {
        var view = await EventuallyAsync(
            () => CallAsync((api, o) => api.CustomerView.GetCustomerViewAsync(new GetCustomerViewRequest { CustomerId = customerId }, o), "otto"),
            v => v.Orders.Count > 0);
        var order = view.Orders[0];
        await CallAsync((api, o) => api.Orders.ShipOrderAsync(new ShipOrderRequest { OrderId = order.OrderId, Carrier = "DB Schenker", TrackingNumber = "DBS-204817" }, o), "oskar");
        await CallAsync((api, o) => api.Orders.IssueInvoiceAsync(new IssueInvoiceRequest { OrderId = order.OrderId, DueOn = DateConversions.ToDate(Today.AddDays(-10)) }, o), "anna");
        await CallAsync((api, o) => api.Opportunities.LogActivityAsync(new LogActivityRequest
        {
            CustomerId = customerId, OpportunityId = opportunityId, Kind = ActivityKind.EmailOut, Subject = "Proposal for a second line", Department = Department.OutsideSales,
        }, o), "otto");
        await CallAsync((api, o) => api.Opportunities.ScheduleMeetingAsync(new ScheduleMeetingRequest
        {
            CustomerId = customerId, OpportunityId = opportunityId, Subject = "Second line: workshop",
            StartsAt = Timestamp.FromDateTimeOffset(MeetingDay.AddHours(9)), EndsAt = Timestamp.FromDateTimeOffset(MeetingDay.AddHours(11)),
        }, o), "otto");
        var problem = await OpenCaseAsync(new OpenCaseRequest
        {
            CustomerId = customerId, Kind = CaseKind.Problem, Priority = 1, Subject = "Cell 2 stops mid-weld", Description = "Controller fault E-217 since the last firmware update",
        }, "tom");
        await CallAsync((api, o) => api.Support.LogInteractionAsync(new LogInteractionRequest { CaseId = problem.CaseId, Channel = InteractionChannel.Phone, Summary = "Remote diagnosis started", Department = Department.TechnicalSupport }, o), "tom");
        var inquiry = await OpenCaseAsync(new OpenCaseRequest { CustomerId = customerId, Kind = CaseKind.Inquiry, Priority = 4, Subject = "Has my order shipped?" }, "clara");
        await CallAsync((api, o) => api.Support.ResolveCaseAsync(new ResolveCaseRequest { CaseId = inquiry.CaseId, Resolution = "Shipped with DB Schenker, tracking DBS-204817" }, o), "clara");
    }

    /// <summary>
    /// Opens a case once support knows the customer: it learns each one from the customer master's AccountCreated, so
    /// right after a conversion, on a busy machine, it may answer NOT_FOUND for a moment.
    /// </summary>
    private async Task<Case> OpenCaseAsync(OpenCaseRequest request, string user)
    {
        Case? opened = null;
        var known = await Poll.UntilAsync(
            async _ =>
            {
                try
                {
                    opened = await CallAsync((api, o) => api.Support.OpenCaseAsync(request, o), user);
                    return true;
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(60),
            cancellationToken);
        return known ? opened! : throw new InvalidOperationException($"support did not learn customer {request.CustomerId} within 60 s");
    }

    // Each service's first call builds its code paths and opens its connections: on a busy two-core machine, right
    // after the start, that alone can take several seconds.
    private async Task<TResponse> CallAsync<TResponse>(Func<GatewayClients, CallOptions, AsyncUnaryCall<TResponse>> call, string user) =>
        await call(gateway, new CallOptions(
            headers: new Metadata { { "authorization", $"Bearer {await people.TokenOfAsync(user, cancellationToken)}" } },
            deadline: DateTime.UtcNow.AddSeconds(30),
            cancellationToken: cancellationToken));

    /// <summary>Events travel between services: ask again until the answer is there.</summary>
    private async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool>? done = null)
    {
        T result = default!;
        var reached = await Poll.UntilAsync(
            async _ =>
            {
                try
                {
                    result = await probe();
                    return done?.Invoke(result) ?? true;
                }
                catch (RpcException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(30),
            cancellationToken);
        return reached ? result : throw new InvalidOperationException("the demo data did not settle within 30 s: is every service healthy?");
    }
}
