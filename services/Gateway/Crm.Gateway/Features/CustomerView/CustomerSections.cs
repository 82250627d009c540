using Crm.Leads.Grpc.V1;
using Crm.Opportunities.Grpc.V1;
using Crm.Orders.Grpc.V1;
using Crm.Support.Grpc.V1;

namespace Crm.Gateway.Features.CustomerView;

/// <summary>The four sections of a customer, as their services answered.</summary>
public sealed record CustomerSections(
    Section<CustomerOrigin> Origin,
    Section<CustomerSales> Sales,
    Section<CustomerOrders> Orders,
    Section<CustomerCases> Support);
