using RabbitMQ.Client;

namespace Crm.Messaging.Recovery;

/// <summary>Tells whether the broker accepts connections now, by opening one and closing it again.</summary>
internal sealed class BrokerProbe(Uri broker)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = broker,
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = Timeout,
            ClientProvidedName = "crm-broker-probe",
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            await connection.CloseAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.OperationInterruptedException or IOException or TimeoutException)
        {
            return false;
        }
    }
}
