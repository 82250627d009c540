using System.Globalization;
using Crm.Common.Grpc.V1;
using Google.Protobuf;

namespace Crm.Api;

/// <summary>
/// The one paging scheme of every list: newest first by a store-assigned position (keyset). The token is the position
/// of the last item of the previous page, so a page does not shift when new rows arrive meanwhile; a page holds at
/// most the size asked for, and fewer when <see cref="ResponseBudget"/> cuts it.
/// </summary>
public static class Paging
{
    public const int DefaultSize = 50;

    public const int MaxSize = 200;

    /// <summary>The page size clamped to 1..200 (0: 50) and the position to continue below, if any.</summary>
    public static (int Size, long? Before) Read(PageRequest? page, RequestCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var size = page?.PageSize is null or 0 ? DefaultSize : Math.Clamp(page.PageSize, 1, MaxSize);
        if (string.IsNullOrEmpty(page?.PageToken))
        {
            return (size, null);
        }

        if (!long.TryParse(page.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out var before) || before <= 0)
        {
            check.Fail("page.page_token", "is not a token from a previous page");
            return (size, null);
        }

        return (size, before);
    }

    /// <summary>
    /// The page of <paramref name="fetched"/> (read with one row more than <paramref name="size"/>, to tell whether
    /// another page follows) as messages, cut where <see cref="ResponseBudget"/> says the response would grow too
    /// large, and the token of the next page: the position of the last item given, or empty after the last page.
    /// </summary>
    public static (IReadOnlyList<TMessage> Page, string NextToken) Cut<T, TMessage>(IReadOnlyList<T> fetched, int size, Func<T, long> position, Func<T, TMessage> toMessage)
        where TMessage : IMessage
    {
        ArgumentNullException.ThrowIfNull(fetched);
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(toMessage);
        var wanted = fetched.Take(size).ToList();
        var (page, truncated) = ResponseBudget.Fit(wanted.Select(toMessage));
        return truncated || fetched.Count > size
            ? (page, position(wanted[page.Count - 1]).ToString(CultureInfo.InvariantCulture))
            : (page, string.Empty);
    }
}
