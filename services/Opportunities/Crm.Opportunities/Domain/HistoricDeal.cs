using System.Security.Cryptography;
using System.Text;
using Crm.Contracts;

namespace Crm.Opportunities.Domain;

/// <summary>
/// A deal worked in another system, with its dated history: how it opened, each change, and how it ended (won, lost,
/// or neither while still open). Replayed by <see cref="Opportunity.Replay"/>.
/// </summary>
internal sealed record HistoricDeal(
    string ImportKey,
    Guid CustomerId,
    string Name,
    string OwnerId,
    string? SalesTeam,
    Money Amount,
    DateOnly OpenedOn,
    DateOnly CloseDate,
    IReadOnlyList<HistoricStep> Steps,
    DateOnly? WonOn,
    DateOnly? LostOn,
    string? LossReason)
{
    /// <summary>The deal's id here, the same for the same key each time: importing a deal again finds it.</summary>
    public Guid OpportunityId { get; } = IdOf(ImportKey);

    private static Guid IdOf(string importKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"crm-deal-history:{importKey}"));
        // A name-based UUID (version 5 layout, SHA-256 bytes): its version and variant bits set as RFC 9562 says.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
