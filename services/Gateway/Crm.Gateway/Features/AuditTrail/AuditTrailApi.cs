using Crm.Api;
using Crm.Audit.Grpc.V1;
using Crm.Common.Grpc.V1;
using Crm.Gateway.Grpc.V1;
using Crm.Grpc;
using Grpc.Core;
using Grpc.Net.ClientFactory;

namespace Crm.Gateway.Features.AuditTrail;

/// <summary>
/// The platform's audit trail: each service asked for a page of its own (in parallel, with the caller's token, so each
/// checks that the caller is an administrator), the pages merged newest first, and a token that says where each
/// service's trail stands.
/// </summary>
internal sealed class AuditTrailApi(GrpcClientFactory clients) : AuditTrailService.AuditTrailServiceBase
{
    public override Task<ListAuditRecordsResponse> ListAuditRecords(ListAuditRecordsRequest request, ServerCallContext context) =>
        ListAsync(request, context).Answer();

    private async Task<GrpcResult<ListAuditRecordsResponse>> ListAsync(ListAuditRecordsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var keepers = AuditTrailExtensions.Keepers.Select(k => k.Name).ToList();
        if (request.Services.FirstOrDefault(s => !keepers.Contains(s, StringComparer.Ordinal)) is { } unknown)
        {
            return Status.InvalidArgument("services", $"{unknown} keeps no trail: name some of {string.Join(", ", keepers)}");
        }

        var asked = request.Services.Count == 0 ? keepers : request.Services.Distinct(StringComparer.Ordinal).ToList();
        var size = request.Page?.PageSize is null or 0 ? Paging.DefaultSize : Math.Clamp(request.Page.PageSize, 1, Paging.MaxSize);
        var cursor = string.IsNullOrEmpty(request.Page?.PageToken)
            ? AuditTrailCursor.Start(asked)
            : AuditTrailCursor.Parse(request.Page.PageToken, asked);
        if (cursor is null)
        {
            return Status.InvalidArgument("page.page_token", "is not a token from a previous page of these services");
        }

        var pages = new Dictionary<string, ListAuditRecordsResponse>(StringComparer.Ordinal);
        try
        {
            var answers = await Task.WhenAll(cursor.Positions.Select(async p => (Service: p.Key, Page: await PageOfAsync(p.Key, p.Value, size, request, context))));
            foreach (var (service, page) in answers)
            {
                pages[service] = page;
            }
        }
        catch (RpcException ex)
        {
            return new Status(ex.StatusCode, $"a service's audit trail: {ex.Status.Detail}");
        }

        return Merge(pages, cursor, size);
    }

    private Task<ListAuditRecordsResponse> PageOfAsync(string service, long? before, int size, ListAuditRecordsRequest request, ServerCallContext context)
    {
        var asked = request.Clone();
        asked.Services.Clear();
        asked.Services.Add(service);
        asked.Page = new PageRequest { PageSize = size, PageToken = before?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty };
        return clients.CreateClient<AuditService.AuditServiceClient>(service)
            .ListAuditRecordsAsync(asked, deadline: context.Deadline, cancellationToken: context.CancellationToken).ResponseAsync;
    }

    /// <summary>
    /// The newest <paramref name="size"/> records of all pages; a service continues below the last record taken from
    /// it, or where its own page ended when all of it was taken, and drops out when it has nothing more.
    /// </summary>
    private static ListAuditRecordsResponse Merge(Dictionary<string, ListAuditRecordsResponse> pages, AuditTrailCursor cursor, int size)
    {
        var taken = pages
            .SelectMany(p => p.Value.Records)
            .OrderByDescending(r => r.At)
            .ThenBy(r => r.Service, StringComparer.Ordinal)
            .ThenByDescending(r => r.Id)
            .Take(size)
            .ToList();
        var next = new Dictionary<string, long?>(StringComparer.Ordinal);
        foreach (var (service, page) in pages)
        {
            var fromThis = taken.Where(r => string.Equals(r.Service, service, StringComparison.Ordinal)).ToList();
            if (fromThis.Count < page.Records.Count)
            {
                next[service] = fromThis.Count == 0 ? cursor.Positions[service] : fromThis[^1].Id;
            }
            else if (page.NextPageToken.Length > 0)
            {
                next[service] = long.Parse(page.NextPageToken, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return new ListAuditRecordsResponse
        {
            Records = { taken },
            NextPageToken = next.Count == 0 ? string.Empty : new AuditTrailCursor(next).ToToken(),
        };
    }
}
