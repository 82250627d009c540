namespace Crm.Testing;

/// <summary>A test class's own slice of the shared servers: a database and a RabbitMQ virtual host of its own.</summary>
/// <param name="Name">The database and virtual host name.</param>
/// <param name="DatabaseConnectionString">Connects to its database.</param>
/// <param name="MessagingConnectionString">An AMQP URI to its virtual host.</param>
public sealed record TestResources(string Name, string DatabaseConnectionString, string MessagingConnectionString);
