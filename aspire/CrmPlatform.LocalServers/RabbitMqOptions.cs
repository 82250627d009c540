namespace CrmPlatform.LocalServers;

/// <summary>How to run a local RabbitMQ node.</summary>
/// <param name="Directory">Its folder: configuration, Mnesia data and logs. Reused by a later start.</param>
/// <param name="AmqpPort">AMQP on 127.0.0.1.</param>
/// <param name="ManagementPort">The management HTTP API on 127.0.0.1 (users, virtual hosts, queue inspection).</param>
/// <param name="DistributionPort">Erlang distribution, used by rabbitmqctl.</param>
/// <param name="EpmdPort">A private Erlang port mapper, so that ours never clashes with another node's and stops with it.</param>
/// <param name="NodeName">The node's name; keep it across runs to reuse the data.</param>
/// <param name="AdminPassword">The password of <see cref="RabbitMqServer.AdminUser"/>, the node's only administrator
/// (there is no guest user); each service connects as a user of its own.</param>
public sealed record RabbitMqOptions(string Directory, int AmqpPort, int ManagementPort, int DistributionPort, int EpmdPort, string NodeName, string AdminPassword)
{
    /// <summary>Without the password, so that logging the options never shows it.</summary>
    public override string ToString() => $"RabbitMqOptions {{ Directory = {Directory}, AmqpPort = {AmqpPort}, NodeName = {NodeName} }}";
}
