using CrmPlatform.LocalServers;

namespace CrmPlatform.AppHost.Resources;

/// <summary>Our own RabbitMQ node, with the management plugin; its port mapper (epmd) is a resource of its own. Its
/// connection string is the administrator's; each service connects as its own user (<see cref="RabbitMqUserResource"/>).</summary>
public sealed class RabbitMqNodeResource(string name, RabbitMqOptions options)
    : LocalServerResource(name, RabbitMqServer.NodeSpec(options)), IResourceWithConnectionString
{
    public RabbitMqOptions Options { get; } = options;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{RabbitMqServer.ConnectionString(Options.AmqpPort, RabbitMqServer.AdminUser, Options.AdminPassword)}");
}
