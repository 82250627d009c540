using Crm.Grpc.Client;

namespace Crm.Gateway.Features.CustomerView;

/// <summary>Wiring of the customer view.</summary>
public static class CustomerViewExtensions
{
    public static IServiceCollection AddCustomerView(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CustomerViewOptions>(configuration.GetSection("CustomerView"));
        services.AddSingleton(new GrpcChannelPool());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SectionFetcher>();
        return services;
    }
}
