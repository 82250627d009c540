using Crm.Api;
using Crm.Contracts;
using Crm.Contracts.Leads;
using Crm.Grpc;
using Crm.Privacy.Grpc.V1;
using CrmPlatform.ServiceDefaults;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Crm.Messaging.Privacy;

/// <summary>
/// A service's part of the personal data API (administrators only, by the method table): what it holds about a
/// person, the start of an erasure (an event every service applies), and how far that erasure is here.
/// </summary>
internal sealed class PersonalDataApi(MessagingDbContext db, IEnumerable<IPersonalDataHolder> holders, CrmService service, TimeProvider clock)
    : PersonalDataService.PersonalDataServiceBase
{
    public override Task<PersonalDataExport> ExportPersonalData(ExportPersonalDataRequest request, ServerCallContext context) =>
        ExportAsync(request, context).Answer();

    public override Task<Erasure> RequestErasure(RequestErasureRequest request, ServerCallContext context) =>
        RequestErasureAsync(request, context).Answer();

    public override Task<Erasure> GetErasure(GetErasureRequest request, ServerCallContext context) =>
        GetErasureAsync(request, context).Answer();

    private async Task<GrpcResult<PersonalDataExport>> ExportAsync(ExportPersonalDataRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (Person(request.Email, "whose data to export", out var key) is { } invalid)
        {
            return invalid;
        }

        var export = new PersonalDataExport();
        foreach (var holder in holders)
        {
            foreach (var record in await holder.ExportAsync(key, context.CancellationToken))
            {
                export.Records.Add(new PersonalDataRecord
                {
                    Service = service.Name,
                    Kind = record.Kind,
                    Id = record.Id.ToString(),
                    Fields = { record.Fields.Select(f => new PersonalDataField { Name = f.Key, Value = f.Value }) },
                });
            }
        }

        return export;
    }

    private async Task<GrpcResult<Erasure>> RequestErasureAsync(RequestErasureRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (Person(request.Email, "to erase", out var key) is { } invalid)
        {
            return invalid;
        }

        // One service records the requests and publishes them (the event is a leads event): marketing's, where people
        // come in. The gateway sends them there.
        if (service != CrmResources.Leads)
        {
            return Status.FailedPrecondition($"erasures are requested at the {CrmResources.Leads.Name} service (or the gateway), which publishes them to every service");
        }

        var at = clock.GetUtcNow();
        var requestId = Guid.CreateVersion7(at);
        db.Publish(new PersonalDataErasureRequested(Guid.CreateVersion7(at), at, requestId, 1, EmailKey.Hash(key), Caller.Of(context)));
        await db.SaveChangesAsync(context.CancellationToken);
        return new Erasure
        {
            RequestId = requestId.ToString(),
            Services = { new ServiceErasure { Service = service.Name, State = ErasureState.Pending } },
        };
    }

    private async Task<GrpcResult<Erasure>> GetErasureAsync(GetErasureRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var requestId = check.Id(request.RequestId, "request_id");
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var done = await db.Set<PersonalDataErasure>().AsNoTracking().FirstOrDefaultAsync(e => e.RequestId == requestId, context.CancellationToken);
        var here = done is null
            ? new ServiceErasure { Service = service.Name, State = ErasureState.Pending }
            : new ServiceErasure { Service = service.Name, State = ErasureState.Erased, ErasedAt = DateConversions.ToTimestamp(done.ErasedAt), Records = done.Records };
        return new Erasure { RequestId = requestId.ToString(), Services = { here }, Complete = done is not null };
    }

    // Any address the records may hold counts, so the check is only that it is one: a typo finds nothing, as a person
    // never held does. The address is not echoed: the message may end up in a log.
    private static Status? Person(string? email, string purpose, out string key)
    {
        key = EmailKey.Of(email) ?? string.Empty;
        return key.Length == 0 ? Status.InvalidArgument("email", $"is required: the e-mail address of the person {purpose}")
            : key.Length > TextLimits.Email || !key.Contains('@', StringComparison.Ordinal) ? Status.InvalidArgument("email", $"is not an e-mail address (an @ and at most {TextLimits.Email} characters)")
            : null;
    }
}
