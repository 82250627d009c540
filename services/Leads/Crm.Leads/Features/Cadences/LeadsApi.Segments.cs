using Crm.Api;
using Crm.Grpc;
using Crm.Leads.Features.Cadences;
using Crm.Leads.Features.Shared;
using Crm.Leads.Grpc.V1;
using Crm.Messaging.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Segment = Crm.Leads.Grpc.V1.Segment;

namespace Crm.Leads.Features;

/// <summary>Segments: saved filters over leads and customers' contacts that cadences and exports target.</summary>
public sealed partial class LeadsApi
{
    /// <summary>More values in one list is an export, not a segment.</summary>
    private const int MostFilterValues = 100;

    public override Task<Segment> CreateSegment(CreateSegmentRequest request, ServerCallContext context) => CreateSegmentAsync(request, context).Answer();

    public override Task<ListSegmentsResponse> ListSegments(ListSegmentsRequest request, ServerCallContext context) => ListSegmentsAsync(request, context).Answer();

    public override async Task ExportSegment(ExportSegmentRequest request, IServerStreamWriter<Grpc.V1.Lead> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var segmentId = await ExistingSegmentAsync(request, context);

        // The segment's leads as cadences pick them (segment_holds), streamed as the database returns them; whether
        // each may be marketed to is the lead's own rule, as at every step of a cadence.
        var leads = _db.Leads
            .FromSql($"SELECT l.* FROM leads l, segments s WHERE s.segment_id = {segmentId} AND l.status IN ('New', 'Qualified') AND l.erased_at IS NULL AND segment_holds(s.filter, l)")
            .AsNoTracking()
            .OrderBy(l => l.Position)
            .AsAsyncEnumerable();
        await foreach (var lead in leads.WithCancellation(context.CancellationToken))
        {
            if (lead.DripStopReason() is null)
            {
                // Without a token: the interceptors' writers do not take one, and the call's own cancellation ends a write.
                await responseStream.WriteAsync(lead.ToMessage());
            }
        }
    }

    public override async Task ExportSegmentContacts(ExportSegmentRequest request, IServerStreamWriter<SegmentContact> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var segmentId = await ExistingSegmentAsync(request, context);

        // As cadences pick them (segment_holds_contact); whether each may be marketed to is the contact's own rule.
        var contacts = _db.KnownContacts
            .FromSql($"SELECT c.* FROM known_contacts c, segments s WHERE s.segment_id = {segmentId} AND segment_holds_contact(s.filter, c)")
            .AsNoTracking()
            .OrderBy(c => c.CustomerId).ThenBy(c => c.ContactId)
            .AsAsyncEnumerable();
        await foreach (var contact in contacts.WithCancellation(context.CancellationToken))
        {
            if (contact.DripStopReason() is null)
            {
                await responseStream.WriteAsync(contact.ToMessage());
            }
        }
    }

    /// <summary>The id of the segment <paramref name="request"/> names; INVALID_ARGUMENT or NOT_FOUND naming segment_id.</summary>
    private async Task<Guid> ExistingSegmentAsync(ExportSegmentRequest request, ServerCallContext context)
    {
        var (segmentId, status) = IdConversions.Read(request.SegmentId, "segment_id");
        if (!status.IsOk)
        {
            throw new RpcException(status);
        }

        if (!await _db.Segments.AnyAsync(s => s.SegmentId == segmentId, context.CancellationToken))
        {
            throw new RpcException(Status.NotFound($"segment_id: segment {segmentId} does not exist"));
        }

        return segmentId;
    }

    private async Task<GrpcResult<Segment>> CreateSegmentAsync(CreateSegmentRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var name = check.Text(request.Name, "name");
        var filter = request.Filter ?? new SegmentFilter();
        foreach (var (count, field) in new[] { (filter.Sources.Count, "sources"), (filter.CampaignIds.Count, "campaign_ids"), (filter.Industries.Count, "industries"), (filter.Countries.Count, "countries"), (filter.Personas.Count, "personas") })
        {
            if (count > MostFilterValues)
            {
                check.Fail($"filter.{field}", $"{count} values; at most {MostFilterValues}");
            }
        }

        var sources = filter.Sources.Select((s, i) => CommonEnums.ToContract(check.Known(s, $"filter.sources[{i}]", required: true))).ToList();
        var campaignIds = filter.CampaignIds.Select((c, i) => check.Id(c, $"filter.campaign_ids[{i}]")).ToList();
        var industries = filter.Industries.Select((text, i) => check.Text(text, $"filter.industries[{i}]")).ToList();
        var countries = filter.Countries.Select((country, i) => Country(country, $"filter.countries[{i}]", check)).ToList();
        var personas = filter.Personas.Select((p, i) => CommonEnums.ToContract(check.Known(p, $"filter.personas[{i}]", required: true))).ToList();
        if (filter.MinimumScore is < 0 or > 100)
        {
            check.Fail("filter.minimum_score", $"{filter.MinimumScore} is not between 0 and 100");
        }

        var audience = filter.Audience is SegmentAudience.Unspecified ? Domain.SegmentAudience.Leads : EnumNames.Convert<SegmentAudience, Domain.SegmentAudience>(filter.Audience);
        if (audience is Domain.SegmentAudience.Contacts)
        {
            // A customer's contact has no source, campaign or score: such a segment would hold nobody.
            foreach (var (given, field) in new[] { (sources.Count > 0, "sources"), (campaignIds.Count > 0, "campaign_ids"), (filter.MinimumScore > 0, "minimum_score") })
            {
                if (given)
                {
                    check.Fail($"filter.{field}", "describes leads: a segment of customers' contacts filters by industry, country and persona");
                }
            }
        }

        if (check.Failure is { } failure)
        {
            return failure;
        }

        var known = await _db.Campaigns.Where(c => campaignIds.Contains(c.CampaignId)).Select(c => c.CampaignId).ToListAsync(context.CancellationToken);
        if (campaignIds.FirstOrDefault(id => !known.Contains(id)) is var unknown && unknown != Guid.Empty)
        {
            return Status.NotFound($"filter.campaign_ids: campaign {unknown} does not exist");
        }

        var segment = Domain.Segment.Create(name, new Domain.SegmentFilter(sources, campaignIds, industries, countries, personas, filter.MinimumScore, audience), Caller.Of(context), Now());
        _db.Segments.Add(segment);
        await _db.SaveChangesAsync(context.CancellationToken);
        return segment.ToMessage();
    }

    private async Task<GrpcResult<ListSegmentsResponse>> ListSegmentsAsync(ListSegmentsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var (size, before) = Paging.Read(request.Page, check);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var (page, next) = await _db.Segments.AsNoTracking().PageAsync(s => s.Position, before, size, s => s.ToMessage(), context.CancellationToken);
        return new ListSegmentsResponse { Segments = { page }, NextPageToken = next };
    }

    /// <summary>An ISO 3166-1 alpha-2 code as leads' addresses keep it (<c>de</c> is read as <c>DE</c>).</summary>
    private static string Country(string value, string field, RequestCheck check)
    {
        var country = check.Text(value, field, 2).ToUpperInvariant();
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
        {
            check.Fail(field, $"'{value}' is not an ISO 3166-1 alpha-2 code such as DE");
        }

        return country;
    }
}
