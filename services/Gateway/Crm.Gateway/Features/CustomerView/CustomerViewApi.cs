using Crm.Api;
using Crm.Gateway.Grpc.V1;
using Crm.Grpc;
using Crm.Grpc.Security;
using Grpc.Core;
using Crm.Opportunities.Grpc.V1;
using CrmPlatform.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Crm.Gateway.Features.CustomerView;

/// <summary><c>crm.gateway.v1.CustomerViewService</c>: the customer view and customer search.</summary>
public sealed class CustomerViewApi(
    SectionFetcher fetcher, OpportunitiesService.OpportunitiesServiceClient opportunities, IConfiguration configuration, TimeProvider clock, IOptions<CustomerViewOptions> options)
    : CustomerViewService.CustomerViewServiceBase
{
    public override Task<Grpc.V1.CustomerView> GetCustomerView(GetCustomerViewRequest request, ServerCallContext context) => GetCustomerViewAsync(request, context).Answer();

    private async Task<GrpcResult<Grpc.V1.CustomerView>> GetCustomerViewAsync(GetCustomerViewRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var customerId = check.Id(request.CustomerId, "customer_id");
        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var sections = await fetcher.FetchAsync(customerId.ToString(), context.Deadline, context.CancellationToken);

        // The account is the customer master: when its owner says there is no such customer, there is none.
        if (sections.Sales.Code == StatusCode.NotFound)
        {
            return Status.NotFound($"customer {request.CustomerId} does not exist");
        }

        var view = CustomerViewComposer.Compose(request.CustomerId, sections, clock.GetUtcNow(), options.Value);

        // Each service withheld what the caller may not see; the view names it, so that empty is not read as unknown.
        view.Withheld.AddRange(WithheldFields.PathsOf(Grpc.V1.CustomerView.Descriptor, DataClassAccess.HiddenFrom(context.GetHttpContext().User)));
        return view;
    }

    public override Task<SearchCustomersResponse> SearchCustomers(SearchCustomersRequest request, ServerCallContext context) => SearchCustomersAsync(request, context).Answer();

    private async Task<GrpcResult<SearchCustomersResponse>> SearchCustomersAsync(SearchCustomersRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var query = request.Query.Trim();
        if (query.Length < 2)
        {
            return Status.InvalidArgument("query", "needs at least 2 characters of a name, an e-mail or a phone number");
        }

        if (configuration[CrmResources.Opportunities.GrpcEndpointKey] is not { Length: > 0 })
        {
            return Status.Unavailable("the opportunities service is not configured");
        }

        try
        {
            var timeout = GrpcTimeout.ForNextHop(context.Deadline, options.Value.SectionTimeout);
            var found = await opportunities.SearchAccountsAsync(
                new SearchAccountsRequest { Query = query, Page = request.Page },
                deadline: DateTime.UtcNow + timeout,
                cancellationToken: context.CancellationToken);
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
