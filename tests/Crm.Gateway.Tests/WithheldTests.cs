using Crm.Gateway.Grpc.V1;
using Crm.Grpc.Security;
using Crm.Testing;
using CrmPlatform.ServiceDefaults;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Crm.Gateway.Tests;

/// <summary>The customer view returns only what the caller may see, and says which fields and sections it withheld.</summary>
public sealed class WithheldTests
{
    private readonly CustomerData _customer = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Accounting_sees_payments_and_addresses_but_not_people_s_e_mail_and_the_view_says_so()
    {
        var view = await ViewAsAsync(CrmRoles.Accounting);

        Assert.Empty(view.Account.Contacts[0].Email);
        Assert.Equal("Ada", view.Account.Contacts[0].FirstName);
        Assert.Contains("account.contacts.email", view.Withheld, StringComparer.Ordinal);
        Assert.Contains("account.contacts.phone", view.Withheld, StringComparer.Ordinal);
        Assert.Contains("origin.leads.contact.email", view.Withheld, StringComparer.Ordinal);
        Assert.DoesNotContain(view.Withheld, w => w.EndsWith("payments", StringComparison.Ordinal) || w.EndsWith("address", StringComparison.Ordinal));
        Assert.NotEmpty(view.Orders[0].Invoices[0].Payments);
    }

    [Fact]
    public async Task Sales_see_people_and_addresses_but_not_payments_and_the_view_says_so()
    {
        var view = await ViewAsAsync(CrmRoles.OutsideSales);

        Assert.Equal("ada@acme.example", view.Account.Contacts[0].Email);
        Assert.Empty(view.Orders[0].Invoices[0].Payments);
        Assert.Equal(["orders.invoices.payments"], view.Withheld);
        Assert.True(view.Credit.OnHold);
    }

    [Fact]
    public async Task A_section_the_owning_service_refuses_to_the_caller_is_marked_withheld()
    {
        var handlers = Handlers();
        handlers["/crm.orders.v1.OrdersService/GetCustomerOrders"] = StubServices.Fail((int)StatusCode.PermissionDenied, "not for this role");

        var view = await ViewAsAsync(CrmRoles.Marketing, handlers);

        Assert.Equal(SectionState.Withheld, view.Sections.Single(s => s.Section == "orders").State);
        Assert.Empty(view.Orders);
        Assert.Equal("Acme Tooling", view.Account.Name);
    }

    private async Task<CustomerView> ViewAsAsync(string role, Dictionary<string, Func<HttpContext, Task>>? handlers = null)
    {
        await using var stubs = await StubServices.StartAsync(handlers ?? Handlers());
        var services = new Dictionary<CrmService, Uri>
        {
            [CrmResources.Leads] = stubs.Address, [CrmResources.Opportunities] = stubs.Address, [CrmResources.Orders] = stubs.Address, [CrmResources.Support] = stubs.Address,
        };
        await using var gateway = await GatewayHost.StartAsync(services, TimeSpan.FromSeconds(2));
        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(gateway.Address);
        return await new CustomerViewService.CustomerViewServiceClient(channel).GetCustomerViewAsync(
            new GetCustomerViewRequest { CustomerId = _customer.CustomerId }, TestCalls.As($"{role}-viewer", TimeSpan.FromSeconds(20), role));
    }

    // Stand-ins that answer with everything, personal data included: what the caller gets is the gateway's doing.
    private Dictionary<string, Func<HttpContext, Task>> Handlers() => new(StringComparer.Ordinal)
    {
        ["/crm.leads.v1.LeadsService/GetCustomerOrigin"] = StubServices.Reply(_customer.Origin),
        ["/crm.opportunities.v1.OpportunitiesService/GetCustomerSales"] = StubServices.Reply(_customer.Sales),
        ["/crm.orders.v1.OrdersService/GetCustomerOrders"] = StubServices.Reply(_customer.Orders),
        ["/crm.support.v1.SupportService/GetCustomerCases"] = StubServices.Reply(_customer.Cases),
    };
}
