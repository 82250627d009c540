using Crm.Api;
using Crm.Audit.Grpc.V1;
using Crm.Grpc;
using Crm.Messaging.Data;
using CrmPlatform.ServiceDefaults;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using WireOutcome = Crm.Audit.Grpc.V1.AuditOutcome;
using WireRecord = Crm.Audit.Grpc.V1.AuditRecord;

namespace Crm.Messaging.Audit;

/// <summary>Serves the service's own audit trail to administrators (the method table lets no other role in).</summary>
internal sealed class AuditApi(MessagingDbContext db, CrmService service) : AuditService.AuditServiceBase
{
    public override Task<ListAuditRecordsResponse> ListAuditRecords(ListAuditRecordsRequest request, ServerCallContext context) =>
        ListAsync(request, context).Answer();

    private async Task<GrpcResult<ListAuditRecordsResponse>> ListAsync(ListAuditRecordsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var (size, before) = Paging.Read(request.Page, check);
        var actor = check.OptionalText(request.Actor, "actor");
        var action = check.OptionalText(request.Action, "action");
        var outcome = check.Known(request.Outcome, "outcome", required: false);
        var since = check.Instant(request.Since, "since", required: false);
        var until = check.Instant(request.Until, "until", required: false);
        if (request.Services.Count > 0 && !request.Services.Contains(service.Name, StringComparer.Ordinal))
        {
            check.Fail("services", $"this is the trail of the {service.Name} service: ask the gateway for the others");
        }

        if (check.Failure is { } failure)
        {
            return failure;
        }

        var query = db.Set<AuditRecord>().AsNoTracking();
        if (actor is not null)
        {
            query = query.Where(r => r.Actor == actor);
        }

        if (action is not null)
        {
            query = action.EndsWith('/') ? query.Where(r => r.Action.StartsWith(action)) : query.Where(r => r.Action == action);
        }

        if (outcome != WireOutcome.Unspecified)
        {
            var wanted = ToDomain(outcome);
            query = query.Where(r => r.Outcome == wanted);
        }

        if (since is { } from)
        {
            query = query.Where(r => r.At >= from);
        }

        if (until is { } to)
        {
            query = query.Where(r => r.At < to);
        }

        var (page, next) = await query.PageAsync(r => r.Id, before, size, ToMessage, context.CancellationToken);
        return new ListAuditRecordsResponse { Records = { page }, NextPageToken = next };
    }

    private WireRecord ToMessage(AuditRecord record) => new()
    {
        Service = service.Name,
        Id = record.Id,
        At = DateConversions.ToTimestamp(record.At),
        Actor = record.Actor,
        Roles = { record.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries) },
        Action = record.Action,
        Target = record.Target ?? string.Empty,
        Outcome = record.Outcome switch
        {
            AuditOutcome.Applied => WireOutcome.Applied,
            AuditOutcome.Denied => WireOutcome.Denied,
            _ => WireOutcome.Unauthenticated,
        },
        Detail = record.Detail ?? string.Empty,
        Peer = record.Peer,
        TraceId = record.TraceId ?? string.Empty,
    };

    private static AuditOutcome ToDomain(WireOutcome outcome) => outcome switch
    {
        WireOutcome.Applied => AuditOutcome.Applied,
        WireOutcome.Denied => AuditOutcome.Denied,
        _ => AuditOutcome.Unauthenticated,
    };
}
