using Crm.Api;
using Crm.Leads.Domain;
using Crm.Leads.Grpc.V1;
using ImportRejection = Crm.Leads.Domain.ImportRejection;
using LeadImport = Crm.Leads.Domain.LeadImport;
using WireImport = Crm.Leads.Grpc.V1.LeadImport;
using WireRejection = Crm.Leads.Grpc.V1.ImportRejection;

namespace Crm.Leads.Features.Import;

/// <summary>An import's record and its rejected rows in their API form.</summary>
internal static class ImportMessages
{
    public static WireImport ToMessage(this LeadImport record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var counts = record.Counts;
        return new WireImport
        {
            ImportId = record.ImportId.ToString(),
            Source = CommonEnums.ToWire(record.Source),
            CampaignId = IdConversions.Write(record.CampaignId),
            FileName = record.FileName,
            Status = EnumNames.Convert<LeadImportStatus, ImportStatus>(record.Status),
            StatusDetail = record.StatusDetail ?? string.Empty,
            RowsRead = counts.RowsRead,
            Accepted = counts.Accepted,
            Duplicates = counts.Duplicates,
            Rejected = counts.Rejected,
            ContentSha256 = record.ContentSha256 ?? string.Empty,
            RepeatOfImportId = IdConversions.Write(record.RepeatOf),
            StartedAt = DateConversions.ToTimestamp(record.StartedAt),
            StartedBy = record.StartedBy,
            FinishedAt = DateConversions.ToTimestamp(record.FinishedAt),
        };
    }

    public static WireRejection ToMessage(this ImportRejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return new WireRejection { Line = rejection.Line, Reason = rejection.Reason, RawLine = rejection.RawLine };
    }
}
