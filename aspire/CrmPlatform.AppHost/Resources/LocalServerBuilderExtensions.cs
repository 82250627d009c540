using Microsoft.Extensions.Configuration;

namespace CrmPlatform.AppHost.Resources;

public static class LocalServerBuilderExtensions
{
    /// <summary>The user's own server when configuration names one (<c>ConnectionStrings:{name}</c>), used instead of
    /// starting ours; null otherwise.</summary>
    public static IResourceBuilder<IResourceWithConnectionString>? ConfiguredServer(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Configuration.GetConnectionString(name) is null ? null : builder.AddConnectionString(name);
    }

    /// <summary>Adds <paramref name="server"/> with its spec's arguments and environment, exactly as the test fixture
    /// passes them to the child process it starts.</summary>
    public static IResourceBuilder<T> AddLocalServer<T>(this IDistributedApplicationBuilder builder, T server)
        where T : LocalServerResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(server);
        return builder.AddResource(server)
            .WithArgs(context =>
            {
                foreach (var arg in server.Spec.CommandArguments)
                {
                    context.Args.Add(arg);
                }
            })
            .WithEnvironment(context =>
            {
                foreach (var (key, value) in server.Spec.Environment ?? new Dictionary<string, string?>(StringComparer.Ordinal))
                {
                    if (value is not null)
                    {
                        context.EnvironmentVariables[key] = value;
                    }
                }
            });
    }
}
