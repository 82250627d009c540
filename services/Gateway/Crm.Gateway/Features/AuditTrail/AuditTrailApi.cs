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
    /// The newest <paramref name="size"/> records of all pages, merged as each service wrote them: every page is taken
    /// from its front (its own order, newest position first), the newest of the fronts next. So what is taken from a
    /// service is always the start of its page, and it continues below the last record taken from it, or where its
    /// page ended when all of it was taken; it drops out when it has nothing more.
    /// </summary>
    private static ListAuditRecordsResponse Merge(Dictionary<string, ListAuditRecordsResponse> pages, AuditTrailCursor cursor, int size)
    {
        var fronts = pages.ToDictionary(p => p.Key, p => new Queue<AuditRecord>(p.Value.Records), StringComparer.Ordinal);
        var taken = new List<AuditRecord>();
        var lastTaken = new Dictionary<string, long>(StringComparer.Ordinal);
        while (taken.Count < size && fronts.Where(f => f.Value.Count > 0)
                   .OrderByDescending(f => f.Value.Peek().At).ThenBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key).FirstOrDefault() is { } service)
        {
            var record = fronts[service].Dequeue();
            taken.Add(record);
            lastTaken[service] = record.Id;
        }

        var next = new Dictionary<string, long?>(StringComparer.Ordinal);
        foreach (var (service, page) in pages)
        {
            if (fronts[service].Count > 0)
            {
                next[service] = lastTaken.TryGetValue(service, out var last) ? last : cursor.Positions[service];
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
