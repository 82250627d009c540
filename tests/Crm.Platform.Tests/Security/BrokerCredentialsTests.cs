using Crm.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Crm.Platform.Tests.Security;

/// <summary>The RabbitMQ the fixture and the app host start: no guest user, and one user per service (here, per test
/// class) who may use its own virtual host only.</summary>
public sealed class BrokerCredentialsTests(CrmTestServers servers)
{
    [Fact]
    public async Task The_guest_user_is_gone_and_a_wrong_password_is_refused()
    {
        var resources = await servers.IsolateAsync("broker_guest");
        var port = new Uri(resources.MessagingConnectionString).Port;

        await Assert.ThrowsAsync<BrokerUnreachableException>(() => ConnectAsync($"amqp://guest:guest@127.0.0.1:{port}/"));
        await Assert.ThrowsAsync<BrokerUnreachableException>(() => ConnectAsync($"amqp://{resources.Name}:guessed@127.0.0.1:{port}/{resources.Name}"));
        await using var own = await ConnectAsync(resources.MessagingConnectionString);
        Assert.True(own.IsOpen);
    }

    [Fact]
    public async Task A_user_reaches_its_own_virtual_host_and_no_other()
    {
        var leads = await servers.IsolateAsync("broker_leads");
        var orders = await servers.IsolateAsync("broker_orders");
        var trespass = new UriBuilder(leads.MessagingConnectionString) { Path = "/" + orders.Name }.Uri.ToString();

        // The broker refuses the virtual host right after the handshake (530 NOT_ALLOWED): the first use of the
        // connection fails, when opening it did not.
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var connection = await ConnectAsync(trespass);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);
            await channel.QueueDeclareAsync("trespass", cancellationToken: TestContext.Current.CancellationToken);
        });

        Assert.True(refused is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException, refused.ToString());
        Assert.Contains($"access to vhost '{orders.Name}' refused", refused.ToString(), StringComparison.Ordinal);
        await using var own = await ConnectAsync(leads.MessagingConnectionString);
        await using var channel = await own.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);
        var declared = await channel.QueueDeclareAsync("own", durable: false, exclusive: true, autoDelete: true, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("own", declared.QueueName);
    }

    private static async Task<IConnection> ConnectAsync(string uri) =>
        await new ConnectionFactory { Uri = new Uri(uri), AutomaticRecoveryEnabled = false }.CreateConnectionAsync(TestContext.Current.CancellationToken);
}
