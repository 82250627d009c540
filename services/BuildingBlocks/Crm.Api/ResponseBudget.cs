using Google.Protobuf;

namespace Crm.Api;

/// <summary>
/// How much of the 4 MiB message limit one list in a response may take, whatever the records hold: a list stops
/// before the record that would pass <see cref="ListBytes"/> (and says so: a next page token, or <c>truncated</c>).
/// The customer view joins at most seven such lists and a timeline, so it stays under the limit too: no writer's
/// records can make a read fail for everybody.
/// </summary>
public static class ResponseBudget
{
    /// <summary>384 KiB: seven lists and the timeline of the customer view stay under 3 MiB.</summary>
    public const int ListBytes = 384 * 1024;

    /// <summary>What <paramref name="message"/> adds to a repeated field: its bytes, its length prefix and its tag.</summary>
    public static int InList(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        return size + CodedOutputStream.ComputeLengthSize(size) + 2;
    }

    /// <summary>
    /// The leading <paramref name="messages"/> that fit in <paramref name="budget"/> bytes (the first always: every
    /// record is far smaller than a list's budget by the limits on its fields), and whether any was left out.
    /// </summary>
    public static (IReadOnlyList<T> Fitted, bool Truncated) Fit<T>(IEnumerable<T> messages, int budget = ListBytes)
        where T : IMessage
    {
        ArgumentNullException.ThrowIfNull(messages);
        var fitted = new List<T>();
        var used = 0;
        foreach (var message in messages)
        {
            var bytes = InList(message);
            if (fitted.Count > 0 && used + bytes > budget)
            {
                return (fitted, true);
            }

            fitted.Add(message);
            used += bytes;
        }

        return (fitted, false);
    }
}
