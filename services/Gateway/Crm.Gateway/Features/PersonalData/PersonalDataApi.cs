using Crm.Gateway.Features.AuditTrail;
using Crm.Grpc;
using Crm.Privacy.Grpc.V1;
using Grpc.Core;
using Grpc.Net.ClientFactory;
using ServicePersonalData = Crm.Privacy.Grpc.V1.PersonalDataService;

namespace Crm.Gateway.Features.PersonalData;

/// <summary>
/// Personal data across the platform: an export asks every service (in parallel, with the caller's token, so each
/// checks that the caller is an administrator); an erasure is recorded by <see cref="PersonalDataExtensions.Registrar"/>,
/// whose event every service applies, and followed service by service.
/// </summary>
internal sealed class PersonalDataApi(GrpcClientFactory clients) : Crm.Gateway.Grpc.V1.PersonalDataService.PersonalDataServiceBase
{
    public override Task<PersonalDataExport> ExportPersonalData(ExportPersonalDataRequest request, ServerCallContext context) =>
        ExportAsync(request, context).Answer();

    public override Task<Erasure> ErasePersonalData(RequestErasureRequest request, ServerCallContext context) =>
        EraseAsync(request, context).Answer();

    public override Task<Erasure> GetErasure(GetErasureRequest request, ServerCallContext context) =>
        ProgressAsync(request, context).Answer();

    private async Task<GrpcResult<PersonalDataExport>> ExportAsync(ExportPersonalDataRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            return Status.InvalidArgument("email", "is required: the e-mail address of the person whose data to export");
        }

        var answers = await AskEachAsync((client, options) => client.ExportPersonalDataAsync(request, options).ResponseAsync, context);
        if (Refusal(answers) is { } refused)
        {
            return refused;
        }

        var export = new PersonalDataExport();
        foreach (var (service, answer, _) in answers)
        {
            if (answer is null)
            {
                export.Unavailable.Add(service);
            }
            else
            {
                export.Records.AddRange(answer.Records);
            }
        }

        return export;
    }

    private async Task<GrpcResult<Erasure>> EraseAsync(RequestErasureRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            return Status.InvalidArgument("email", "is required: the e-mail address of the person to erase");
        }

        Erasure requested;
        try
        {
            requested = await Client(PersonalDataExtensions.Registrar.Name)
                .RequestErasureAsync(request, deadline: context.Deadline, cancellationToken: context.CancellationToken);
        }
        catch (RpcException ex)
        {
            return new Status(ex.StatusCode, $"{PersonalDataExtensions.Registrar.Name}, which records erasures: {ex.Status.Detail}");
        }

        return await ProgressAsync(new GetErasureRequest { RequestId = requested.RequestId }, context);
    }

    private async Task<GrpcResult<Erasure>> ProgressAsync(GetErasureRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (!Guid.TryParse(request.RequestId, out _))
        {
            return Status.InvalidArgument("request_id", "is not the id of an erasure (a UUID)");
        }

        var answers = await AskEachAsync((client, options) => client.GetErasureAsync(request, options).ResponseAsync, context);
        if (Refusal(answers) is { } refused)
        {
            return refused;
        }

        var erasure = new Erasure { RequestId = request.RequestId };
        foreach (var (service, answer, _) in answers)
        {
            erasure.Services.Add(answer?.Services.SingleOrDefault() ?? new ServiceErasure { Service = service, State = ErasureState.Unavailable });
        }

        erasure.Complete = erasure.Services.All(s => s.State == ErasureState.Erased);
        return erasure;
    }

    /// <summary>Each service's answer; null for one that could not be reached (its data is then missing, not refused).</summary>
    private async Task<(string Service, T? Answer, Status? Refused)[]> AskEachAsync<T>(
        Func<ServicePersonalData.PersonalDataServiceClient, CallOptions, Task<T>> ask, ServerCallContext context)
        where T : class =>
        await Task.WhenAll(AuditTrailExtensions.Keepers.Select(async holder =>
        {
            try
            {
                return (holder.Name, await ask(Client(holder.Name), new CallOptions(deadline: context.Deadline, cancellationToken: context.CancellationToken)), (Status?)null);
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && !context.CancellationToken.IsCancellationRequested)
            {
                return (holder.Name, null, null);
            }
            catch (RpcException ex)
            {
                return (holder.Name, (T?)null, (Status?)new Status(ex.StatusCode, $"{holder.Name}: {ex.Status.Detail}"));
            }
        }));

    // A refusal (bad input, not an administrator) is the same at every service: the first one answers for all.
    private static Status? Refusal<T>((string Service, T? Answer, Status? Refused)[] answers) => answers.Select(a => a.Refused).FirstOrDefault(r => r is not null);

    private ServicePersonalData.PersonalDataServiceClient Client(string service) => clients.CreateClient<ServicePersonalData.PersonalDataServiceClient>(PersonalDataExtensions.ClientName(service));
}
