using Crm.Contracts.Feed;
using Crm.Feed.Grpc.V1;
using Crm.Grpc;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Crm.Orders.Features.AccountingFeed;

/// <summary>
/// <c>crm.feed.v1.AccountingFeedService</c>: the accounting feed as a subscription (server streaming, which waits on
/// the client's reading: HTTP/2 flow control holds the writes of a slow reader) and as pages. Each caller receives
/// only the types it is granted (<see cref="FeedGrants"/>).
/// </summary>
public sealed class AccountingFeedApi(FeedStore store, FeedWakeups wakeups, IOptions<FeedOptions> options) : AccountingFeedService.AccountingFeedServiceBase
{
    private const int SubscriptionPage = 500;
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<FeedEvent> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var types = TypesOf(request.EventTypes, context);
        var cancellationToken = context.CancellationToken;
        var after = request.StartCase switch
        {
            SubscribeRequest.StartOneofCase.FromTime => await store.AfterPositionAtAsync(request.FromTime.ToDateTimeOffset(), cancellationToken),
            SubscribeRequest.StartOneofCase.Latest => (await store.StateAsync(cancellationToken)).Head,
            _ => request.AfterPosition,
        };
        await CheckRetainedAsync(after, "after_position", cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            // Woken before reading, so that an append between the read and the wait is not missed.
            var appended = wakeups.WaitForAppendAsync(options.Value.SubscriberPollInterval, cancellationToken);
            var page = await store.ReadAsync(after, types, SubscriptionPage, cancellationToken);
            foreach (var feedEvent in page)
            {
                // Without a token: the interceptors' writers do not take one, and the call's own cancellation ends a write.
                await responseStream.WriteAsync(feedEvent);
                after = feedEvent.Position;
            }

            if (page.Count < SubscriptionPage)
            {
                await appended;
            }
        }
    }

    public override async Task<FeedPage> ReadFeed(ReadFeedRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.Limit is < 0 or > MaxLimit)
        {
            throw new RpcException(Status.InvalidArgument("limit", $"must be between 1 and {MaxLimit} (0 for {DefaultLimit})"));
        }

        var types = TypesOf(request.EventTypes, context);
        var head = await CheckRetainedAsync(request.AfterPosition, "after_position", context.CancellationToken);
        var events = await store.ReadAsync(request.AfterPosition, types, request.Limit == 0 ? DefaultLimit : request.Limit, context.CancellationToken);
        return new FeedPage
        {
            Events = { events },
            NextAfterPosition = events.Count > 0 ? events[^1].Position : request.AfterPosition,
            HeadPosition = head,
        };
    }

    /// <summary>The types to send: those asked for (every granted one when none is), refusing one not granted.</summary>
    private static IReadOnlyCollection<string> TypesOf(Google.Protobuf.Collections.RepeatedField<string> asked, ServerCallContext context)
    {
        var granted = FeedGrants.TypesFor(context.GetHttpContext().User);
        if (granted.Count == 0)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "the caller is granted no event type of the accounting feed"));
        }

        foreach (var type in asked)
        {
            if (FeedCatalogue.Find(type) is null)
            {
                throw new RpcException(Status.InvalidArgument("event_types", $"{type} is no event type of the feed"));
            }

            if (!granted.Contains(type))
            {
                throw new RpcException(new Status(StatusCode.PermissionDenied, $"event_types: the caller is not granted {type}"));
            }
        }

        return asked.Count > 0 ? asked : granted;
    }

    /// <summary>OUT_OF_RANGE naming the oldest position kept when events after <paramref name="after"/> were removed,
    /// and for a position not reached yet; otherwise the head.</summary>
    private async Task<long> CheckRetainedAsync(long after, string field, CancellationToken cancellationToken)
    {
        var (head, removedThrough) = await store.StateAsync(cancellationToken);
        if (after < 0 || after > head)
        {
            throw new RpcException(new Status(StatusCode.OutOfRange, $"{field}: {after} is not a position of the feed (0 to {head})"));
        }

        if (after < removedThrough)
        {
            throw new RpcException(new Status(StatusCode.OutOfRange, $"{field}: events after {after} were removed by retention; the oldest kept is {removedThrough + 1} (resume after {removedThrough})"));
        }

        return head;
    }
}
