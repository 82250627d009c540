using Crm.Grpc;
using Crm.Gateway.Grpc.V1;
using Crm.Leads.Grpc.V1;
using Crm.Opportunities.Grpc.V1;
using Crm.Orders.Grpc.V1;
using Crm.Support.Grpc.V1;
using CrmPlatform.ServiceDefaults;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Crm.Gateway.Features.CustomerView;

/// <summary>
/// Asks the four services for their section of a customer, in parallel, each within its own deadline (ending a
/// little before the caller's). A service that fails or is slow gives a section marked UNAVAILABLE or TIMED_OUT.
/// </summary>
public sealed class SectionFetcher(
    LeadsService.LeadsServiceClient leads,
    OpportunitiesService.OpportunitiesServiceClient opportunities,
    OrdersService.OrdersServiceClient orders,
    SupportService.SupportServiceClient support,
    IConfiguration configuration,
    IOptions<CustomerViewOptions> options)
{
    public async Task<CustomerSections> FetchAsync(string customerId, DateTime callerDeadline, CancellationToken cancellationToken)
    {
        // Within the caller's time, ending a little before it, so that a slow section is marked TIMED_OUT in a view that
        // still reaches the caller rather than failing the whole view; never longer than a section may take.
        var limit = options.Value.SectionTimeout;
        var timeout = TimeSpan.FromTicks(Math.Min(GrpcTimeout.ForNextHop(callerDeadline, limit).Ticks, limit.Ticks));
        var origin = FetchAsync("origin", CrmResources.Leads, o => leads.GetCustomerOriginAsync(new GetCustomerOriginRequest { CustomerId = customerId }, o), timeout, cancellationToken);
        var sales = FetchAsync("sales", CrmResources.Opportunities, o => opportunities.GetCustomerSalesAsync(new GetCustomerSalesRequest { CustomerId = customerId }, o), timeout, cancellationToken);
        var ordered = FetchAsync("orders", CrmResources.Orders, o => orders.GetCustomerOrdersAsync(new GetCustomerOrdersRequest { CustomerId = customerId }, o), timeout, cancellationToken);
        var cases = FetchAsync("support", CrmResources.Support, o => support.GetCustomerCasesAsync(new GetCustomerCasesRequest { CustomerId = customerId }, o), timeout, cancellationToken);
        await Task.WhenAll(origin, sales, ordered, cases);
        return new CustomerSections(origin.Result, sales.Result, ordered.Result, cases.Result);
    }

    private async Task<Section<TResponse>> FetchAsync<TResponse>(
        string section, CrmService owner, Func<CallOptions, AsyncUnaryCall<TResponse>> call, TimeSpan timeout, CancellationToken cancellationToken)
        where TResponse : class
    {
        if (configuration[owner.GrpcEndpointKey] is not { Length: > 0 })
        {
            return new Section<TResponse>(default, Status(section, SectionState.Unavailable, $"the {owner.Name} service is not configured"), StatusCode.Unavailable);
        }

        try
        {
            var response = await call(new CallOptions(deadline: DateTime.UtcNow + timeout, cancellationToken: cancellationToken));
            return new Section<TResponse>(response, Status(section, SectionState.Ok, string.Empty));
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.PermissionDenied)
        {
            return new Section<TResponse>(default, Status(section, SectionState.Withheld, $"the caller may not see the {owner.Name} service's section"), ex.StatusCode);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.DeadlineExceeded)
        {
            return new Section<TResponse>(default, Status(section, SectionState.TimedOut, $"the {owner.Name} service did not answer within {timeout.TotalMilliseconds:F0} ms"), ex.StatusCode);
        }
        catch (RpcException ex)
        {
            return new Section<TResponse>(default, Status(section, SectionState.Unavailable, $"{owner.Name}: {ex.Status.StatusCode}: {ex.Status.Detail}"), ex.StatusCode);
        }
    }

    private static SectionStatus Status(string section, SectionState state, string detail) =>
        new() { Section = section, State = state, Detail = detail };
}
