using Crm.Feed.Grpc.V1;
using Crm.Gateway.Features.CustomerView;
using Crm.Grpc.Security;
using CrmPlatform.ServiceDefaults;

namespace Crm.Gateway.Features.AccountingFeed;

/// <summary>
/// The accounting feed's HTTP face (the gRPC one is forwarded to the orders service like every API): its pages and its
/// schemas, open to whoever may call <c>ReadFeed</c> by the one access table.
/// </summary>
public static class AccountingFeedExtensions
{
    private const string ReadFeed = "/crm.feed.v1.AccountingFeedService/ReadFeed";

    public static IServiceCollection AddAccountingFeedPages(this IServiceCollection services)
    {
        services.AddGrpcClient<AccountingFeedService.AccountingFeedServiceClient>(o => o.Address = new Uri($"http://_{CrmResources.GrpcEndpoint}.{CrmResources.Orders.Name}"))
            .AddHttpMessageHandler<CallerToken>()
            .AddServiceDiscovery();
        return services;
    }

    public static IEndpointRouteBuilder MapAccountingFeedPages(this IEndpointRouteBuilder endpoints)
    {
        var feed = endpoints.MapGroup("/feed/v1")
            .RequireAuthorization(policy => policy.RequireAssertion(context => MethodRolesRequirement.Allowed(context.User, ReadFeed)));
        feed.MapGet("/events", FeedPages.ReadAsync);
        feed.MapGet("/schemas/{type}/{version}", FeedSchemas.Get);
        return endpoints;
    }
}
