using static Crm.Grpc.Security.CrmRoles;

namespace Crm.Grpc.Security;

/// <summary>
/// Which roles may call each method of the platform's APIs: one table that the owning service and the gateway both
/// enforce (<see cref="MethodRolesRequirement"/>). Administrators may call everything. A method missing here is
/// refused to everyone but administrators, and a test fails for every RPC of the protos that is missing.
/// What a role may see or change within a method (its own team's records, personal data) is the owning service's
/// rule, on top of this.
/// </summary>
public static class MethodAccess
{
    /// <summary>Every department: the shared customer record and its interactions.</summary>
    private static readonly string[] Everyone = [Marketing, InsideSales, OutsideSales, SalesManager, OrderEntry, Accounting, CustomerService, TechnicalSupport];

    private static readonly string[] Sales = [InsideSales, OutsideSales, SalesManager];

    /// <summary>The people who talk to the customer and plan with them.</summary>
    private static readonly string[] CustomerFacing = [InsideSales, OutsideSales, SalesManager, CustomerService, TechnicalSupport];

    private static readonly string[] Service = [CustomerService, TechnicalSupport];

    private static readonly Dictionary<string, string[]> Table = new(StringComparer.Ordinal)
    {
        // The customer view and search: every department sees the same customer (fields it may not see withheld).
        ["/crm.gateway.v1.CustomerViewService/GetCustomerView"] = Everyone,
        ["/crm.gateway.v1.CustomerViewService/SearchCustomers"] = Everyone,

        // Marketing runs campaigns and captures leads; Inside Sales qualifies and converts them.
        ["/crm.leads.v1.LeadsService/LaunchCampaign"] = [Marketing],
        ["/crm.leads.v1.LeadsService/RecordCampaignCost"] = [Marketing],
        ["/crm.leads.v1.LeadsService/GetCampaign"] = [Marketing, InsideSales, SalesManager],
        ["/crm.leads.v1.LeadsService/ListCampaigns"] = [Marketing, InsideSales, SalesManager],
        ["/crm.leads.v1.LeadsService/CaptureLead"] = [Marketing, InsideSales],
        ["/crm.leads.v1.LeadsService/GetLead"] = [Marketing, InsideSales, SalesManager],
        ["/crm.leads.v1.LeadsService/ListLeads"] = [Marketing, InsideSales, SalesManager],
        ["/crm.leads.v1.LeadsService/QualifyLead"] = [InsideSales, SalesManager],
        ["/crm.leads.v1.LeadsService/DisqualifyLead"] = [InsideSales, SalesManager],
        ["/crm.leads.v1.LeadsService/ConvertLead"] = [InsideSales, SalesManager],
        // Whoever hears a person's consent or objection records it.
        ["/crm.leads.v1.LeadsService/RecordLeadConsent"] = [Marketing, InsideSales, SalesManager],
        ["/crm.leads.v1.LeadsService/GetCustomerOrigin"] = Everyone,
        // Marketing justifies its budget with it; sales managers see where their deals come from. Counts and sums only.
        ["/crm.leads.v1.LeadsService/GetMarketingReturn"] = [Marketing, SalesManager],
        // Marketing buys and collects lists and imports them; the rejected rows hold people's contact points.
        ["/crm.leads.v1.LeadsService/ImportLeads"] = [Marketing],
        ["/crm.leads.v1.LeadsService/GetImport"] = [Marketing],
        ["/crm.leads.v1.LeadsService/ListImports"] = [Marketing],
        ["/crm.leads.v1.LeadsService/ListImportRejections"] = [Marketing],
        // Drip marketing is marketing's; the calls it asks for are Inside Sales', and sales see what reached a lead.
        ["/crm.leads.v1.LeadsService/CreateSegment"] = [Marketing],
        ["/crm.leads.v1.LeadsService/ListSegments"] = [Marketing, SalesManager],
        ["/crm.leads.v1.LeadsService/ExportSegment"] = [Marketing],
        ["/crm.leads.v1.LeadsService/ExportSegmentContacts"] = [Marketing],
        ["/crm.leads.v1.LeadsService/StartCadence"] = [Marketing],
        ["/crm.leads.v1.LeadsService/StopCadence"] = [Marketing],
        ["/crm.leads.v1.LeadsService/GetCadence"] = [Marketing, InsideSales, SalesManager],
        ["/crm.leads.v1.LeadsService/ListCadences"] = [Marketing, InsideSales, SalesManager],
        ["/crm.leads.v1.LeadsService/ListTouches"] = [Marketing, InsideSales, SalesManager],
        ["/crm.leads.v1.LeadsService/ListCallTasks"] = [InsideSales, SalesManager],
        ["/crm.leads.v1.LeadsService/CompleteCallTask"] = [InsideSales, SalesManager],
        ["/crm.leads.v1.LeadsService/ListMailRoom"] = [Marketing],
        ["/crm.leads.v1.LeadsService/DispatchTouch"] = [Marketing],

        // The customer master: sales keep accounts and contacts; order entry and accounting keep billing data.
        ["/crm.opportunities.v1.OpportunitiesService/GetAccount"] = Everyone,
        ["/crm.opportunities.v1.OpportunitiesService/SearchAccounts"] = Everyone,
        ["/crm.opportunities.v1.OpportunitiesService/CreateAccount"] = [.. Sales, OrderEntry],
        ["/crm.opportunities.v1.OpportunitiesService/UpdateAccount"] = [.. Sales, OrderEntry, Accounting],
        ["/crm.opportunities.v1.OpportunitiesService/AddContact"] = [.. Sales, OrderEntry, CustomerService],
        ["/crm.opportunities.v1.OpportunitiesService/UpdateContact"] = [.. Sales, OrderEntry, CustomerService],
        ["/crm.opportunities.v1.OpportunitiesService/RecordContactConsent"] = [Marketing, .. CustomerFacing],

        // Deals: Outside Sales and their managers work them; everyone who talks to the customer reads them.
        ["/crm.opportunities.v1.OpportunitiesService/GetOpportunity"] = [.. CustomerFacing, OrderEntry],
        ["/crm.opportunities.v1.OpportunitiesService/ListOpportunities"] = [.. CustomerFacing, OrderEntry],
        ["/crm.opportunities.v1.OpportunitiesService/ChangeStage"] = [OutsideSales, SalesManager],
        ["/crm.opportunities.v1.OpportunitiesService/UpdateDeal"] = [OutsideSales, SalesManager],
        ["/crm.opportunities.v1.OpportunitiesService/JudgeForecast"] = [SalesManager],
        ["/crm.opportunities.v1.OpportunitiesService/SetDealTeamMember"] = [OutsideSales, SalesManager],
        ["/crm.opportunities.v1.OpportunitiesService/RemoveDealTeamMember"] = [OutsideSales, SalesManager],
        ["/crm.opportunities.v1.OpportunitiesService/WinOpportunity"] = [OutsideSales, SalesManager],
        ["/crm.opportunities.v1.OpportunitiesService/LoseOpportunity"] = [OutsideSales, SalesManager],

        // Deals of the past, brought from another system: administrators only.
        ["/crm.opportunities.v1.OpportunitiesService/ImportDealHistory"] = [],
        ["/crm.opportunities.v1.OpportunitiesService/GetCustomerSales"] = Everyone,

        // Interactions: every department logs its calls; those who meet the customer schedule meetings.
        ["/crm.opportunities.v1.OpportunitiesService/LogActivity"] = Everyone,
        ["/crm.opportunities.v1.OpportunitiesService/ScheduleMeeting"] = CustomerFacing,
        ["/crm.opportunities.v1.OpportunitiesService/PostponeMeeting"] = CustomerFacing,

        // Forecasts: the reps' own and their managers' reports.
        ["/crm.forecasts.v1.ForecastsService/GetPipeline"] = [OutsideSales, SalesManager],
        ["/crm.forecasts.v1.ForecastsService/GetForecast"] = [OutsideSales, SalesManager],
        ["/crm.forecasts.v1.ForecastsService/GetFlowForecast"] = [OutsideSales, SalesManager],
        ["/crm.forecasts.v1.ForecastsService/GetForecastAccuracy"] = [OutsideSales, SalesManager],
        ["/crm.forecasts.v1.ForecastsService/GetForecastRollup"] = [OutsideSales, SalesManager],
        ["/crm.forecasts.v1.ForecastsService/SetQuota"] = [SalesManager],
        ["/crm.forecasts.v1.ForecastsService/GetAttainment"] = [OutsideSales, SalesManager],
        ["/crm.forecasts.v1.ForecastsService/GetForecastChanges"] = [OutsideSales, SalesManager],
        ["/crm.forecasts.v1.ForecastsService/GetActivityReport"] = [InsideSales, OutsideSales, SalesManager],

        // Orders: order entry ships, accounting invoices and collects; sales and service see orders and credit.
        ["/crm.orders.v1.OrdersService/GetOrder"] = [OrderEntry, Accounting, .. CustomerFacing],
        ["/crm.orders.v1.OrdersService/ListOrders"] = [OrderEntry, Accounting, .. CustomerFacing],
        ["/crm.orders.v1.OrdersService/ShipOrder"] = [OrderEntry],
        ["/crm.orders.v1.OrdersService/IssueInvoice"] = [Accounting],
        ["/crm.orders.v1.OrdersService/RecordPayment"] = [Accounting],
        ["/crm.orders.v1.OrdersService/GetCreditStatus"] = Everyone,
        ["/crm.orders.v1.OrdersService/GetCustomerOrders"] = Everyone,
        ["/crm.orders.v1.OrdersService/ListCreditHolds"] = [OrderEntry, Accounting, SalesManager],

        // The accounting feed: accounting's people and machines (a machine only the event types it is granted).
        ["/crm.feed.v1.AccountingFeedService/Subscribe"] = [Accounting],
        ["/crm.feed.v1.AccountingFeedService/ReadFeed"] = [Accounting],

        // Cases: customer service and technical support handle them; sales read them before meeting the customer.
        ["/crm.support.v1.SupportService/OpenCase"] = Service,
        ["/crm.support.v1.SupportService/UpdateCaseStatus"] = Service,
        ["/crm.support.v1.SupportService/LogInteraction"] = Service,
        ["/crm.support.v1.SupportService/ResolveCase"] = Service,
        ["/crm.support.v1.SupportService/GetCase"] = [.. Service, .. Sales],
        ["/crm.support.v1.SupportService/ListCases"] = [.. Service, .. Sales],
        ["/crm.support.v1.SupportService/GetCustomerCases"] = Everyone,

        // The audit trail: administrators only, at each service and merged at the gateway.
        ["/crm.audit.v1.AuditService/ListAuditRecords"] = [],
        ["/crm.gateway.v1.AuditTrailService/ListAuditRecords"] = [],

        // Personal data of one person (export, erasure): administrators only, at each service and across them at the gateway.
        ["/crm.privacy.v1.PersonalDataService/ExportPersonalData"] = [],
        ["/crm.privacy.v1.PersonalDataService/RequestErasure"] = [],
        ["/crm.privacy.v1.PersonalDataService/GetErasure"] = [],
        ["/crm.gateway.v1.PersonalDataService/ExportPersonalData"] = [],
        ["/crm.gateway.v1.PersonalDataService/ErasePersonalData"] = [],
        ["/crm.gateway.v1.PersonalDataService/GetErasure"] = [],
    };

    /// <summary>Every method with a rule.</summary>
    public static IReadOnlyCollection<string> Methods => Table.Keys;

    /// <summary>Whether <paramref name="method"/> is one of the platform's (a rule's or a standard service's).</summary>
    public static bool Knows(string method) => Table.ContainsKey(method) || IsStandard(method);

    /// <summary>The roles that may call <paramref name="method"/> (<c>/package.Service/Method</c>) besides administrators; none for an unknown method.</summary>
    public static IReadOnlyList<string> RolesFor(string method) => Table.TryGetValue(method, out var roles) ? roles : [];

    /// <summary>Open to every signed-in caller: the standard services (server reflection), which hold no data.</summary>
    public static bool IsStandard(string method) =>
        method.StartsWith("/grpc.reflection.", StringComparison.Ordinal) || method.StartsWith("/grpc.health.", StringComparison.Ordinal);
}
