namespace CrmPlatform.AppHost.Resources;

/// <summary>One service's user on our RabbitMQ node, made once the node answers, with rights on the default virtual
/// host only; its connection string is what the service gets as <c>ConnectionStrings__messaging</c>.</summary>
public sealed class RabbitMqUserResource(string name, string userName, RabbitMqNodeResource node, ParameterResource password)
    : Resource(name), IResourceWithParent<RabbitMqNodeResource>, IResourceWithConnectionString
{
    public RabbitMqNodeResource Parent { get; } = node;

    public string UserName { get; } = userName;

    public ParameterResource Password { get; } = password;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"amqp://{UserName}:{Password}@127.0.0.1:{Parent.Options.AmqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
}
