using Crm.Leads.Domain;
using Lead = Crm.Leads.Domain.Lead;

namespace Crm.Leads.Features.Import;

/// <summary>
/// The rows read since the last merge: the new leads, and the rejections. A lead whose e-mail or phone an earlier lead
/// of the batch has is a duplicate at once; the database finds those of earlier batches and of existing leads when the
/// batch is merged, by the same unique keys that de-duplicate captures.
/// </summary>
internal sealed class ImportBatch
{
    private readonly HashSet<string> _emailKeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _phoneKeys = new(StringComparer.Ordinal);

    public List<Lead> Leads { get; } = [];

    public List<ImportRejection> Rejections { get; } = [];

    /// <summary>Rows whose person an earlier row of this batch is.</summary>
    public long Duplicates { get; private set; }

    public long Rows => Leads.Count + Rejections.Count + Duplicates;

    public bool IsFull => Rows >= ImportLimits.BatchRows;

    public void Add(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if ((lead.EmailKey is { } email && _emailKeys.Contains(email)) || (lead.PhoneKey is { } phone && _phoneKeys.Contains(phone)))
        {
            Duplicates++;
            return;
        }

        if (lead.EmailKey is { } newEmail)
        {
            _emailKeys.Add(newEmail);
        }

        if (lead.PhoneKey is { } newPhone)
        {
            _phoneKeys.Add(newPhone);
        }

        Leads.Add(lead);
    }

    public void Reject(ImportRejection rejection) => Rejections.Add(rejection);
}
