using System.Globalization;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Crm.Feed.Grpc.V1;
using Crm.Grpc;
using Grpc.Core;

namespace Crm.Gateway.Features.AccountingFeed;

/// <summary>
/// The accounting feed for systems that cannot speak gRPC: <c>GET /feed/v1/events?after=N&amp;limit=M&amp;type=...</c>
/// answers a page as a CloudEvents JSON batch (<c>application/cloudevents-batch+json</c>), read through the orders
/// service's <c>ReadFeed</c> with the caller's token, so that the caller receives only its granted types; the next
/// page's address is in the <c>Link</c> header. Errors are problem details naming the parameter.
/// </summary>
internal static class FeedPages
{
    /// <summary>The extension attribute holding the event's position (a CloudEvents integer is 32-bit, so a string of digits).</summary>
    public static readonly CloudEventAttribute Position = CloudEventAttribute.CreateExtension("position", CloudEventAttributeType.String);

    public static readonly CloudEventAttribute SchemaVersion = CloudEventAttribute.CreateExtension("schemaversion", CloudEventAttributeType.String);

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly JsonEventFormatter Formatter = new();

    public static async Task<IResult> ReadAsync(HttpContext http, AccountingFeedService.AccountingFeedServiceClient feed, long? after, int? limit, string[]? type)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(feed);
        FeedPage page;
        try
        {
            page = await feed.ReadFeedAsync(
                new ReadFeedRequest { AfterPosition = after ?? 0, Limit = limit ?? 0, EventTypes = { type ?? [] } },
                deadline: DateTime.UtcNow + Deadline,
                cancellationToken: http.RequestAborted);
        }
        catch (RpcException failure)
        {
            return Problem(failure);
        }

        var origin = $"{http.Request.Scheme}://{http.Request.Host}";
        var body = Formatter.EncodeBatchModeMessage(page.Events.Select(e => ToCloudEvent(e, origin)), out var contentType);
        http.Response.Headers["Crm-Head-Position"] = page.HeadPosition.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.Link = $"<{origin}/feed/v1/events?after={page.NextAfterPosition.ToString(CultureInfo.InvariantCulture)}{Types(type)}>; rel=\"next\"";
        return Results.Bytes(body.ToArray(), contentType.ToString());
    }

    public static CloudEvent ToCloudEvent(FeedEvent feedEvent, string origin)
    {
        ArgumentNullException.ThrowIfNull(feedEvent);
        using var data = JsonDocument.Parse(feedEvent.Data);
        return new CloudEvent(CloudEventsSpecVersion.V1_0, [Position, SchemaVersion])
        {
            Id = feedEvent.Id,
            Source = new Uri(feedEvent.Source, UriKind.RelativeOrAbsolute),
            Type = feedEvent.Type,
            Time = feedEvent.Time.ToDateTimeOffset(),
            Subject = feedEvent.Subject,
            DataContentType = feedEvent.DataContentType,
            DataSchema = new Uri(origin + feedEvent.DataSchema),
            Data = data.RootElement.Clone(),
            [Position] = feedEvent.Position.ToString(CultureInfo.InvariantCulture),
            [SchemaVersion] = feedEvent.SchemaVersion,
        };
    }

    private static string Types(string[]? types) =>
        types is null ? string.Empty : string.Concat(types.Select(t => "&type=" + Uri.EscapeDataString(t)));

    private static IResult Problem(RpcException failure) => Results.Problem(
        detail: failure.Status.Detail,
        statusCode: failure.StatusCode switch
        {
            StatusCode.InvalidArgument => StatusCodes.Status400BadRequest,
            StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
            StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
            // A position removed by retention is gone for good; the detail names the oldest one kept.
            StatusCode.OutOfRange => StatusCodes.Status410Gone,
            StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
            _ => StatusCodes.Status503ServiceUnavailable,
        },
        title: failure.StatusCode.ToString());
}
