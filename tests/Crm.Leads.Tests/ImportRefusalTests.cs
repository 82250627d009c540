using System.Text;
using Crm.Common.Grpc.V1;
using Crm.Grpc.Security;
using Crm.Leads.Grpc.V1;
using Crm.Leads.Tests.Support;
using Crm.Testing;
using Google.Protobuf;
using Grpc.Core;

namespace Crm.Leads.Tests;

/// <summary>What an import refuses: a bad header or file before anything is stored, a caller without the role, and a
/// file that breaks a limit on the way, which ends the import FAILED.</summary>
public sealed class ImportRefusalTests(LeadsHost leads) : IClassFixture<LeadsHost>
{
    [Fact]
    public async Task A_header_line_without_a_column_every_lead_needs_is_refused_naming_the_column_and_nothing_is_stored()
    {
        await RefusedAsync(Encoding.UTF8.GetBytes("Company,First Name,E-mail\nAcme,Ada,ada@acme.example\n"), Imports.Header(), StatusCode.InvalidArgument, "last name");
        await RefusedAsync(Encoding.UTF8.GetBytes("First Name,Last Name,E-mail\nAda,Byron,ada@acme.example\n"), Imports.Header(), StatusCode.InvalidArgument, "company");
        await RefusedAsync(Encoding.UTF8.GetBytes("Company;Last name;Title\nAcme;Byron;CEO\n"), Imports.Header(), StatusCode.InvalidArgument, "e-mail");
        await RefusedAsync(Encoding.UTF8.GetBytes("company,last_name,E-Mail,email\n"), Imports.Header(), StatusCode.InvalidArgument, "e-mail");
        await RefusedAsync([], Imports.Header(), StatusCode.InvalidArgument, "header");
        await RefusedAsync(Encoding.UTF8.GetBytes(string.Join(',', Enumerable.Range(0, 65).Select(i => $"c{i}")) + "\n"), Imports.Header(), StatusCode.InvalidArgument, "header");
    }

    [Fact]
    public async Task A_bad_import_header_is_refused_naming_its_field_and_nothing_is_stored()
    {
        var file = LeadLists.File(LeadLists.Row());

        await RefusedAsync(file, Imports.Header(source: LeadSource.Unspecified), StatusCode.InvalidArgument, "header.source");
        await RefusedAsync(file, Imports.Header(campaignId: "spring-fair"), StatusCode.InvalidArgument, "header.campaign_id");
        await RefusedAsync(file, Imports.Header(fileName: " "), StatusCode.InvalidArgument, "header.file_name");
        await RefusedAsync(file, Imports.Header(campaignId: Guid.NewGuid().ToString()), StatusCode.NotFound, "header.campaign_id");

        // The file's bytes first, without saying where its leads come from.
        var before = await leads.SnapshotAsync();
        using var call = Imports.Open(leads);
        await call.RequestStream.WriteAsync(new ImportLeadsRequest { Chunk = ByteString.CopyFrom(file) }, TestContext.Current.CancellationToken);
        await call.RequestStream.CompleteAsync();
        await Refused.WithAsync(StatusCode.InvalidArgument, () => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken), "header");
        Assert.Equal(before, await leads.SnapshotAsync());
    }

    [Fact]
    public async Task A_caller_without_the_marketing_role_can_neither_import_nor_read_imports()
    {
        var done = (await Imports.RunAsync(leads, LeadLists.File(LeadLists.Row(lastName: ""))))[^1];
        var before = await leads.SnapshotAsync();
        var rep = TestCalls.As("ines.inside", TimeSpan.FromSeconds(30), CrmRoles.InsideSales);

        await RefusedAsync(LeadLists.File(LeadLists.Row()), Imports.Header(), StatusCode.PermissionDenied, field: null, rep);
        await Refused.WithAsync(StatusCode.PermissionDenied, () => leads.Api.GetImportAsync(new GetImportRequest { ImportId = done.ImportId }, rep));
        using var rejections = leads.Api.ListImportRejections(new ListImportRejectionsRequest { ImportId = done.ImportId }, rep);
        await Refused.WithAsync(StatusCode.PermissionDenied, () => rejections.ResponseStream.MoveNext(TestContext.Current.CancellationToken));

        Assert.Equal(before, await leads.SnapshotAsync());
        Assert.Single(await Imports.RejectionsAsync(leads, done.ImportId));
    }

    [Fact]
    public async Task A_chunk_over_its_limit_ends_the_import_FAILED_saying_why()
    {
        using var call = Imports.Open(leads);
        await call.RequestStream.WriteAsync(new ImportLeadsRequest { Header = Imports.Header() }, TestContext.Current.CancellationToken);
        await call.RequestStream.WriteAsync(new ImportLeadsRequest { Chunk = ByteString.CopyFrom(LeadLists.File(LeadLists.Row())) }, TestContext.Current.CancellationToken);
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        var started = call.ResponseStream.Current;

        await call.RequestStream.WriteAsync(new ImportLeadsRequest { Chunk = ByteString.CopyFrom(new byte[(1024 * 1024) + 1]) }, TestContext.Current.CancellationToken);

        var status = await Refused.WithAsync(StatusCode.ResourceExhausted, () => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken), "chunk");
        var failed = await leads.CallAsync((api, o) => api.GetImportAsync(new GetImportRequest { ImportId = started.ImportId }, o));
        Assert.Equal((ImportStatus.Running, ImportStatus.Failed, status.Detail), (started.Status, failed.Status, failed.StatusDetail));
        Assert.NotNull(failed.FinishedAt);
    }

    [Fact]
    public async Task A_quote_never_closed_ends_the_import_FAILED_at_its_line_keeping_nothing_of_its_batch()
    {
        var file = LeadLists.File(LeadLists.Row(), "\"Acme,Ada," + new string('x', 70_000));

        var status = await Refused.WithAsync(StatusCode.ResourceExhausted, () => Imports.RunAsync(leads, file), "line 3");

        Assert.Contains("quote", status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, await leads.ScalarAsync("SELECT count(*) FROM lead_imports WHERE status = 'Failed' AND rows_read = 0 AND status_detail = $1", status.Detail));
    }

    private async Task RefusedAsync(byte[] file, ImportHeader header, StatusCode code, string? field, CallOptions? options = null)
    {
        var before = await leads.SnapshotAsync();

        await Refused.WithAsync(code, () => Imports.RunAsync(leads, file, header, options), field);

        Assert.Equal(before, await leads.SnapshotAsync());
    }
}
