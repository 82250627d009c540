using System.Globalization;
using Crm.Common.Grpc.V1;

namespace Crm.Api;

/// <summary>
/// Pages of a list ordered newest first by a store-assigned position. The token is the position of the last item
/// of the previous page, so a page does not shift when new rows arrive meanwhile.
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

    /// <summary>The token of the page after <paramref name="items"/>, fetched with one extra row to tell whether there is one;
    /// empty when this is the last page. Drops the extra row.</summary>
    public static string Next<T>(IList<T> items, int size, Func<T, long> position)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(position);
        if (items.Count <= size)
        {
            return string.Empty;
        }

        while (items.Count > size)
        {
            items.RemoveAt(items.Count - 1);
        }

        return position(items[^1]).ToString(CultureInfo.InvariantCulture);
    }
}
