using Crm.Api;
using Crm.Grpc;
using Crm.Leads.Features.Import;
using Crm.Leads.Grpc.V1;
using Crm.Messaging.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using WireImport = Crm.Leads.Grpc.V1.LeadImport;
using WireRejection = Crm.Leads.Grpc.V1.ImportRejection;

namespace Crm.Leads.Features;

/// <summary>Import: lead lists in bulk (<see cref="LeadImporter"/>), each import a record with its rejected rows.</summary>
public sealed partial class LeadsApi
{
    public override Task ImportLeads(IAsyncStreamReader<ImportLeadsRequest> requestStream, IServerStreamWriter<WireImport> responseStream, ServerCallContext context) =>
        _importer.ImportAsync(requestStream, responseStream, context);

    public override Task<WireImport> GetImport(GetImportRequest request, ServerCallContext context) => GetImportAsync(request, context).Answer();

    public override Task<ListImportsResponse> ListImports(ListImportsRequest request, ServerCallContext context) => ListImportsAsync(request, context).Answer();

    public override async Task ListImportRejections(ListImportRejectionsRequest request, IServerStreamWriter<WireRejection> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var importId = await ExistingImportAsync(request.ImportId, context.CancellationToken);

        // Streamed as the database returns them, in line order: an import of millions of rows may have many thousands.
        var rejections = _db.ImportRejections.AsNoTracking().Where(r => r.ImportId == importId).OrderBy(r => r.Line).AsAsyncEnumerable();
        await foreach (var rejection in rejections.WithCancellation(context.CancellationToken))
        {
            // Without a token: the interceptors' writers do not take one, and the call's own cancellation ends a write.
            await responseStream.WriteAsync(rejection.ToMessage());
        }
    }

    private async Task<GrpcResult<WireImport>> GetImportAsync(GetImportRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var (importId, status) = IdConversions.Read(request.ImportId, "import_id");
        if (!status.IsOk)
        {
            return status;
        }

        var record = await _db.LeadImports.AsNoTracking().SingleOrDefaultAsync(i => i.ImportId == importId, context.CancellationToken);
        return record is null ? ImportNotFound(importId) : record.ToMessage();
    }

    private async Task<GrpcResult<ListImportsResponse>> ListImportsAsync(ListImportsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var (size, before) = Paging.Read(request.Page, check);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var (page, next) = await _db.LeadImports.AsNoTracking().PageAsync(i => i.Position, before, size, i => i.ToMessage(), context.CancellationToken);
        return new ListImportsResponse { Imports = { page }, NextPageToken = next };
    }

    /// <summary>The id of an import that exists; INVALID_ARGUMENT or NOT_FOUND naming import_id otherwise.</summary>
    private async Task<Guid> ExistingImportAsync(string value, CancellationToken cancellationToken)
    {
        var (importId, status) = IdConversions.Read(value, "import_id");
        if (!status.IsOk)
        {
            throw new RpcException(status);
        }

        return await _db.LeadImports.AnyAsync(i => i.ImportId == importId, cancellationToken) ? importId : throw new RpcException(ImportNotFound(importId));
    }

    private static Status ImportNotFound(Guid importId) => Status.NotFound($"import_id: import {importId} does not exist");
}
