using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Crm.Benchmarks;

/// <summary>
/// The baseline: RabbitMQ.Client 7.1.2 alone, publishing persistent messages with publisher confirms to a durable
/// quorum queue and consuming them with manual acks, with the same number of publishes in flight and the same
/// prefetch as our relay and consumer, and no database.
/// </summary>
internal static class EventsRawBaseline
{
    private const string Queue = "bench.raw-events";

    public static async Task<double> SustainedRateAsync(string messaging, int messages, int inFlight, ushort prefetch, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = new Uri(messaging), ConsumerDispatchConcurrency = 16 };
        await using var consuming = await factory.CreateConnectionAsync(cancellationToken);
        await using var publishing = await factory.CreateConnectionAsync(cancellationToken);
        await using var consumerChannel = await consuming.CreateChannelAsync(cancellationToken: cancellationToken);
        await consumerChannel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?>(StringComparer.Ordinal) { ["x-queue-type"] = "quorum" }, cancellationToken: cancellationToken);
        await consumerChannel.BasicQosAsync(0, prefetch, global: false, cancellationToken);

        var received = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            await consumerChannel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
            if (Interlocked.Increment(ref received) == messages)
            {
                all.TrySetResult();
            }
        };
        await consumerChannel.BasicConsumeAsync(Queue, autoAck: false, consumer, cancellationToken);

        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
        await using var publisherChannel = await publishing.CreateChannelAsync(options, cancellationToken);
        var body = new byte[600];
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        var watch = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            // Each loop awaits its publish's confirm before the next, so at most inFlight are unconfirmed.
            while (Interlocked.Increment(ref next) < messages)
            {
                await publisherChannel.BasicPublishAsync(string.Empty, Queue, mandatory: true, properties, body, cancellationToken);
            }
        }));
        await all.Task.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
        var rate = messages / watch.Elapsed.TotalSeconds;
        await consumerChannel.QueueDeleteAsync(Queue, cancellationToken: cancellationToken);
        return rate;
    }
}
