using System.Globalization;
using Crm.Contracts;

namespace Crm.Messaging.Privacy;

/// <summary>The fields of a <see cref="HeldRecord"/>, written as a person reads them; blank values are left out.</summary>
public sealed class HeldFields
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public IReadOnlyList<KeyValuePair<string, string>> All => _fields;

    public HeldFields Add(string name, object? value)
    {
        var text = value switch
        {
            null => null,
            DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
            PostalAddress address => string.Join(", ", new[] { address.Street, address.PostalCode, address.City, address.Region, address.Country }.Where(p => !string.IsNullOrEmpty(p))),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(text))
        {
            _fields.Add(new(name, text));
        }

        return this;
    }

    /// <summary>Each channel's consent or opt-out, with who recorded it, when and from where.</summary>
    public HeldFields Add(IEnumerable<ChannelConsent> consents)
    {
        ArgumentNullException.ThrowIfNull(consents);
        foreach (var consent in consents)
        {
            Add(
                $"consents.{consent.Channel.ToString().ToLowerInvariant()}",
                $"{(consent.Granted ? "consent" : "opt-out")} recorded {consent.RecordedAt.ToString("O", CultureInfo.InvariantCulture)} by {consent.RecordedBy}{(consent.Source is null ? string.Empty : $" ({consent.Source})")}");
        }

        return this;
    }
}
