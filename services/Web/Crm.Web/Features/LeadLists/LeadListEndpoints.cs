using System.Globalization;
using Crm.Api.Clients;
using Crm.Leads.Grpc.V1;
using Crm.Web.Features.SignIn;

namespace Crm.Web.Features.LeadLists;

/// <summary>
/// Lists of leads as CSV files, for signed-in people whose role may read them (the gateway decides):
/// <c>/imports/{importId}/rejected-rows.csv</c>, an import's rejected rows (line, reason, the row as written), and
/// <c>/segments/{segmentId}/leads.csv</c>, the leads a segment holds that may be marketed to, in the columns a lead
/// list is imported with (so a list sent out and returned imports again), then source, score, status and the lead's id;
/// and <c>/segments/{segmentId}/contacts.csv</c>, the customers' contacts it holds that may be marketed to.
/// </summary>
public static class LeadListEndpoints
{
    private static readonly string[] RejectionColumns = ["line", "reason", "row"];

    private static readonly string[] ContactColumns =
        ["company", "first name", "last name", "e-mail", "phone", "title", "industry", "country", "persona", "customer id", "contact id"];

    private static readonly string[] LeadColumns =
        ["company", "first name", "last name", "e-mail", "phone", "title", "industry", "region", "country", "source", "score", "status", "lead id"];

    public static WebApplication MapLeadLists(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/imports/{importId}/rejected-rows.csv", (string importId, HttpContext context, SignedInUser user, GatewayClients gateway) =>
            CsvDownload.WriteAsync(
                context,
                user,
                $"rejected-rows-{importId}.csv",
                RejectionColumns,
                cancellationToken => gateway.Leads.ListImportRejections(new ListImportRejectionsRequest { ImportId = importId }, cancellationToken: cancellationToken),
                row => [row.Line.ToString(CultureInfo.InvariantCulture), row.Reason, row.RawLine]))
            .RequireAuthorization();
        app.MapGet("/segments/{segmentId}/leads.csv", (string segmentId, HttpContext context, SignedInUser user, GatewayClients gateway) =>
            CsvDownload.WriteAsync(
                context,
                user,
                $"segment-{segmentId}.csv",
                LeadColumns,
                cancellationToken => gateway.Leads.ExportSegment(new ExportSegmentRequest { SegmentId = segmentId }, cancellationToken: cancellationToken),
                Fields))
            .RequireAuthorization();
        app.MapGet("/segments/{segmentId}/contacts.csv", (string segmentId, HttpContext context, SignedInUser user, GatewayClients gateway) =>
            CsvDownload.WriteAsync(
                context,
                user,
                $"segment-{segmentId}-contacts.csv",
                ContactColumns,
                cancellationToken => gateway.Leads.ExportSegmentContacts(new ExportSegmentRequest { SegmentId = segmentId }, cancellationToken: cancellationToken),
                Fields))
            .RequireAuthorization();
        return app;
    }

    private static string[] Fields(SegmentContact contact) =>
    [
        contact.CompanyName, contact.FirstName, contact.LastName, contact.Email, contact.Phone, contact.Title,
        contact.Industry, contact.Country, contact.BuyingRole.ToString(), contact.CustomerId, contact.ContactId,
    ];

    private static string[] Fields(Lead lead) =>
    [
        lead.Company?.Name ?? string.Empty, lead.Contact?.FirstName ?? string.Empty, lead.Contact?.LastName ?? string.Empty,
        lead.Contact?.Email ?? string.Empty, lead.Contact?.Phone ?? string.Empty, lead.Contact?.Title ?? string.Empty,
        lead.Company?.Industry ?? string.Empty, lead.Company?.Address?.Region ?? string.Empty, lead.Company?.Address?.Country ?? string.Empty,
        lead.Source.ToString(), lead.Score.ToString(CultureInfo.InvariantCulture), lead.Status.ToString(), lead.LeadId,
    ];
}
