using Contracts = Crm.Contracts;
using Wire = Crm.Common.Grpc.V1;

namespace Crm.Api;

/// <summary>A person's word on a channel (consent or opt-out), on the wire and in a request.</summary>
public static class ConsentConversions
{
    public static Wire.ChannelConsent ToWire(Contracts.ChannelConsent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        return new Wire.ChannelConsent
        {
            Channel = CommonEnums.ToWire(consent.Channel),
            Granted = consent.Granted,
            Source = consent.Source ?? string.Empty,
            RecordedBy = consent.RecordedBy,
            RecordedAt = DateConversions.ToTimestamp(consent.RecordedAt),
        };
    }

    /// <summary>
    /// The channel (required) and the source (required for consent, which must say where it was given; optional for
    /// an opt-out, which stands however it came) of a request to record a person's word.
    /// </summary>
    public static (Contracts.ContactChannel Channel, string? Source) Read(Wire.ContactChannel channel, bool granted, string? source, RequestCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var known = check.Known(channel, "channel", required: true);
        var where = granted ? check.Text(source, "source") : check.OptionalText(source, "source");
        return (known == Wire.ContactChannel.Unspecified || !Enum.IsDefined(known) ? default : CommonEnums.ToContract(known), where);
    }
}
