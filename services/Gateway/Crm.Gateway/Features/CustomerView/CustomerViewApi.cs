using Crm.Api;
using Crm.Gateway.Grpc.V1;
using Crm.Grpc.Client;
using Crm.Grpc.Server;
using Crm.Grpc;
using Crm.Grpc.Protocol;
using Crm.Opportunities.Grpc.V1;
using CrmPlatform.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Crm.Gateway.Features.CustomerView;

/// <summary><c>crm.gateway.v1.CustomerViewService</c>: the customer view and customer search.</summary>
public sealed class CustomerViewApi(SectionFetcher fetcher, GrpcChannelPool channels, IConfiguration configuration, TimeProvider clock, IOptions<CustomerViewOptions> options) : IGrpcService
{
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => CustomerViewReflection.Descriptor.Services[0];

    public async Task<GrpcResult<Grpc.V1.CustomerView>> GetCustomerView(GetCustomerViewRequest request, CallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (!Guid.TryParse(request.CustomerId, out _))
        {
            return Status.InvalidArgument("customer_id", "must be a customer id (a UUID)");
        }

        var sections = await fetcher.FetchAsync(request.CustomerId, context.TimeRemaining, context.CancellationToken);

        // The account is the customer master: when its owner says there is no such customer, there is none.
        if (sections.Sales.Code == StatusCode.NotFound)
        {
            return Status.NotFound($"customer {request.CustomerId} does not exist");
        }

        return CustomerViewComposer.Compose(request.CustomerId, sections, clock.GetUtcNow(), options.Value);
    }

    public async Task<GrpcResult<SearchCustomersResponse>> SearchCustomers(SearchCustomersRequest request, CallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var query = request.Query.Trim();
        if (query.Length < 2)
        {
            return Status.InvalidArgument("query", "needs at least 2 characters of a name, an e-mail or a phone number");
        }

        if (configuration[CrmResources.Opportunities.GrpcEndpointKey] is not { Length: > 0 } address)
        {
            return Status.Unavailable("the opportunities service is not configured");
        }

        try
        {
            var found = await channels.For(new Uri(address)).UnaryAsync(
                OpportunitiesMethods.SearchAccounts,
                new SearchAccountsRequest { Query = query, Page = request.Page },
                new CallOptions { Timeout = context.TimeRemaining is { } remaining ? GrpcTimeout.ForNextHop(remaining) : options.Value.SectionTimeout, CancellationToken = context.CancellationToken });
            var response = new SearchCustomersResponse { NextPageToken = found.NextPageToken };
            response.Matches.AddRange(found.Accounts.Select(a => new CustomerMatch
            {
                CustomerId = a.CustomerId,
                Name = a.Name,
                OwnerId = a.OwnerId,
                MatchedOn = MatchedOn(a, query),
            }));
            return response;
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }

    private static string MatchedOn(Account account, string query)
    {
        if (account.Name.Contains(query, StringComparison.OrdinalIgnoreCase))
        {
            return "name";
        }

        return account.Contacts.Any(c => c.Email.Equals(query, StringComparison.OrdinalIgnoreCase)) ? "email" : "phone";
    }
}
