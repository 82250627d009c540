using Crm.Audit.Grpc.V1;
using Crm.Grpc.Security;
using Crm.Leads.Grpc.V1;
using Crm.Leads.Tests.Support;
using Crm.Testing;
using Grpc.Core;

namespace Crm.Leads.Tests;

/// <summary>The service's audit trail: each write with the record it changed, each refusal with why, read by administrators.</summary>
public sealed class AuditTests(LeadsHost leads) : IClassFixture<LeadsHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_write_is_recorded_with_who_made_it_what_they_called_and_the_record_it_changed()
    {
        var marketer = $"maria-{Guid.NewGuid():N}";
        var captured = await leads.Api.CaptureLeadAsync(Requests.Lead(), TestCalls.As(marketer, Deadline, CrmRoles.Marketing));

        var trail = await ReadAsync(new ListAuditRecordsRequest { Actor = marketer });

        var record = Assert.Single(trail.Records);
        Assert.Equal("leads", record.Service);
        Assert.Equal("/crm.leads.v1.LeadsService/CaptureLead", record.Action);
        Assert.Equal(AuditOutcome.Applied, record.Outcome);
        Assert.Equal($"LeadCaptured {captured.Lead.LeadId}", record.Target);
        Assert.Equal([CrmRoles.Marketing], record.Roles);
        Assert.Equal("127.0.0.1", record.Peer);
        Assert.InRange(record.At.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(32, record.TraceId.Length);
    }

    [Fact]
    public async Task A_refused_write_leaves_no_record_of_a_write_and_a_denial_leaves_one_of_its_own()
    {
        var marketer = $"mario-{Guid.NewGuid():N}";
        var invalid = Requests.Lead();
        invalid.Source = Crm.Common.Grpc.V1.LeadSource.Unspecified;
        var bad = await Assert.ThrowsAsync<RpcException>(() => leads.Api.CaptureLeadAsync(invalid, TestCalls.As(marketer, Deadline, CrmRoles.Marketing)).ResponseAsync);
        var denied = await Assert.ThrowsAsync<RpcException>(() => leads.Api.QualifyLeadAsync(
            new QualifyLeadRequest { LeadId = Guid.NewGuid().ToString(), Qualification = Requests.Bant() }, TestCalls.As(marketer, Deadline, CrmRoles.Marketing)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var record = Assert.Single((await ReadAsync(new ListAuditRecordsRequest { Actor = marketer })).Records);
        Assert.Equal(AuditOutcome.Denied, record.Outcome);
        Assert.Equal("/crm.leads.v1.LeadsService/QualifyLead", record.Action);
        Assert.Contains(CrmRoles.InsideSales, record.Detail, StringComparison.Ordinal);
        Assert.Empty(record.Target);
    }

    [Fact]
    public async Task A_refusal_the_gateway_reports_is_recorded_under_the_method_it_refused_as_the_caller_and_never_runs()
    {
        var marketer = $"mina-{Guid.NewGuid():N}";
        var before = await leads.SnapshotAsync();
        var report = TestCalls.As(marketer, Deadline, CrmRoles.Marketing);
        report.Headers!.Add(GatewayRefusal.Header, "/crm.gateway.v1.AuditTrailService/ListAuditRecords");
        report.Headers.Add("x-forwarded-for", "203.0.113.7");

        // A marketer may capture leads; a call that reports a refusal is refused and changes nothing all the same.
        var refused = await Assert.ThrowsAsync<RpcException>(() => leads.Api.CaptureLeadAsync(Requests.Lead(), report).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal(before, await leads.SnapshotAsync());
        var record = Assert.Single((await ReadAsync(new ListAuditRecordsRequest { Actor = marketer })).Records);
        Assert.Equal((AuditOutcome.Denied, "/crm.gateway.v1.AuditTrailService/ListAuditRecords"), (record.Outcome, record.Action));
        Assert.StartsWith("refused at the gateway: no role of the caller may call the method (it is for administrator)", record.Detail, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1 for 203.0.113.7", record.Peer);
    }

    [Fact]
    public async Task The_trail_is_read_newest_first_page_by_page_and_filtered_by_method_outcome_and_time()
    {
        var marketer = $"mila-{Guid.NewGuid():N}";
        var leadIds = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            leadIds.Add((await leads.Api.CaptureLeadAsync(Requests.Lead(), TestCalls.As(marketer, Deadline, CrmRoles.Marketing))).Lead.LeadId);
        }

        await Assert.ThrowsAsync<RpcException>(() => leads.Api.ConvertLeadAsync(new ConvertLeadRequest(), TestCalls.As(marketer, Deadline, CrmRoles.Marketing)).ResponseAsync);

        var targets = new List<string>();
        var token = string.Empty;
        do
        {
            var page = await ReadAsync(new ListAuditRecordsRequest
            {
                Actor = marketer, Action = "/crm.leads.v1.LeadsService/", Outcome = AuditOutcome.Applied,
                Since = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2000, 1, 2, 0, 0, 0, TimeSpan.Zero)),
                Page = new Crm.Common.Grpc.V1.PageRequest { PageSize = 2, PageToken = token },
            });
            Assert.InRange(page.Records.Count, 1, 2);
            targets.AddRange(page.Records.Select(r => r.Target));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(leadIds.AsEnumerable().Reverse().Select(id => $"LeadCaptured {id}"), targets, StringComparer.Ordinal);
        var later = await ReadAsync(new ListAuditRecordsRequest { Actor = marketer, Since = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddYears(1)) });
        Assert.Empty(later.Records);
        var denial = Assert.Single((await ReadAsync(new ListAuditRecordsRequest { Actor = marketer, Outcome = AuditOutcome.Denied })).Records);
        Assert.Equal("/crm.leads.v1.LeadsService/ConvertLead", denial.Action);
    }

    [Fact]
    public async Task A_service_answers_only_for_its_own_trail_naming_services()
    {
        var failure = await Assert.ThrowsAsync<RpcException>(() => leads.Audit.ListAuditRecordsAsync(
            new ListAuditRecordsRequest { Services = { "orders" } }, TestCalls.As("ada", Deadline, CrmRoles.Administrator)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.StartsWith("services: ", failure.Status.Detail, StringComparison.Ordinal);
    }

    private async Task<ListAuditRecordsResponse> ReadAsync(ListAuditRecordsRequest request) =>
        await leads.Audit.ListAuditRecordsAsync(request, TestCalls.As("ada", Deadline, CrmRoles.Administrator));
}
