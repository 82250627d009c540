using Crm.Api;
using Crm.Gateway.Grpc.V1;
using Crm.Grpc.Client;
using Crm.Grpc;
using Crm.Grpc.Protocol;
using Crm.Leads.Grpc.V1;
using Crm.Opportunities.Grpc.V1;
using Crm.Orders.Grpc.V1;
using Crm.Support.Grpc.V1;
using CrmPlatform.ServiceDefaults;
using Google.Protobuf;
using Microsoft.Extensions.Options;

namespace Crm.Gateway.Features.CustomerView;

/// <summary>
/// Asks the four services for their section of a customer, in parallel, each within its own deadline (ending a
/// little before the caller's). A service that fails or is slow gives a section marked UNAVAILABLE or TIMED_OUT.
/// </summary>
public sealed class SectionFetcher(GrpcChannelPool channels, IConfiguration configuration, IOptions<CustomerViewOptions> options)
{
    public async Task<CustomerSections> FetchAsync(string customerId, TimeSpan? callerRemaining, CancellationToken cancellationToken)
    {
        // Within the caller's time, ending a little before it, so that a slow section is marked TIMED_OUT in a view that
        // still reaches the caller rather than failing the whole view.
        var timeout = callerRemaining is { } remaining && GrpcTimeout.ForNextHop(remaining) < options.Value.SectionTimeout
            ? GrpcTimeout.ForNextHop(remaining)
            : options.Value.SectionTimeout;
        var origin = FetchAsync("origin", CrmResources.Leads, LeadsMethods.GetCustomerOrigin, new GetCustomerOriginRequest { CustomerId = customerId }, timeout, cancellationToken);
        var sales = FetchAsync("sales", CrmResources.Opportunities, OpportunitiesMethods.GetCustomerSales, new GetCustomerSalesRequest { CustomerId = customerId }, timeout, cancellationToken);
        var orders = FetchAsync("orders", CrmResources.Orders, OrdersMethods.GetCustomerOrders, new GetCustomerOrdersRequest { CustomerId = customerId }, timeout, cancellationToken);
        var support = FetchAsync("support", CrmResources.Support, SupportMethods.GetCustomerCases, new GetCustomerCasesRequest { CustomerId = customerId }, timeout, cancellationToken);
        await Task.WhenAll(origin, sales, orders, support);
        return new CustomerSections(origin.Result, sales.Result, orders.Result, support.Result);
    }

    private async Task<Section<TResponse>> FetchAsync<TRequest, TResponse>(
        string section, CrmService owner, GrpcMethod<TRequest, TResponse> method, TRequest request, TimeSpan timeout, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        if (configuration[owner.GrpcEndpointKey] is not { Length: > 0 } address)
        {
            return new Section<TResponse>(null, Status(section, SectionState.Unavailable, $"the {owner.Name} service is not configured"), StatusCode.Unavailable);
        }

        try
        {
            var response = await channels.For(new Uri(address)).UnaryAsync(method, request, new CallOptions { Timeout = timeout, CancellationToken = cancellationToken });
            return new Section<TResponse>(response, Status(section, SectionState.Ok, string.Empty));
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.DeadlineExceeded)
        {
            return new Section<TResponse>(null, Status(section, SectionState.TimedOut, $"the {owner.Name} service did not answer within {timeout.TotalMilliseconds:F0} ms"), ex.StatusCode);
        }
        catch (RpcException ex)
        {
            return new Section<TResponse>(null, Status(section, SectionState.Unavailable, $"{owner.Name}: {ex.Status}"), ex.StatusCode);
        }
    }

    private static SectionStatus Status(string section, SectionState state, string detail) =>
        new() { Section = section, State = state, Detail = detail };
}
