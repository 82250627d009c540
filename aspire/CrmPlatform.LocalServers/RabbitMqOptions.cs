namespace CrmPlatform.LocalServers;

/// <summary>How to run a local RabbitMQ node.</summary>
/// <param name="Directory">Its folder: configuration, Mnesia data and logs. Reused by a later start.</param>
/// <param name="AmqpPort">AMQP on 127.0.0.1.</param>
/// <param name="ManagementPort">The management HTTP API on 127.0.0.1 (virtual hosts, queue inspection).</param>
/// <param name="DistributionPort">Erlang distribution, used by rabbitmqctl.</param>
/// <param name="EpmdPort">A private Erlang port mapper, so that ours never clashes with another node's and stops with it.</param>
/// <param name="NodeName">The node's name; keep it across runs to reuse the data.</param>
public sealed record RabbitMqOptions(string Directory, int AmqpPort, int ManagementPort, int DistributionPort, int EpmdPort, string NodeName);
