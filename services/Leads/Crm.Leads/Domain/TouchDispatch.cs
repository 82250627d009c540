using Crm.Contracts.Leads;
using Crm.Domain;

namespace Crm.Leads.Domain;

/// <summary>The mail room's record that it posted a letter or sent a fax a cadence recorded (<see cref="Touch"/>).</summary>
/// <param name="TouchId">The letter's or fax's touch.</param>
/// <param name="DispatchedAt">When it went.</param>
/// <param name="DispatchedBy">Who sent it.</param>
public sealed record TouchDispatch(Guid TouchId, DateTimeOffset DispatchedAt, string DispatchedBy)
{
    /// <summary>Whether <paramref name="channel"/> goes through the mail room: letters and faxes, which no machine here
    /// sends.</summary>
    public static bool ByMailRoom(TouchChannel channel) => channel is TouchChannel.Letter or TouchChannel.Fax;

    /// <summary>Records that <paramref name="touch"/> went; refused for one sent already or not the mail room's.</summary>
    public static Result<TouchDispatch> Of(Touch touch, TouchDispatch? already, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(touch);
        if (!ByMailRoom(touch.Channel))
        {
            return DomainError.Precondition($"touch {touch.TouchId} is {touch.Channel.ToString().ToLowerInvariant()}: only letters and faxes go through the mail room");
        }

        if (already is not null)
        {
            return DomainError.Precondition($"touch {touch.TouchId} was sent by {already.DispatchedBy} at {already.DispatchedAt:u}");
        }

        return new TouchDispatch(touch.TouchId, at, by);
    }
}
