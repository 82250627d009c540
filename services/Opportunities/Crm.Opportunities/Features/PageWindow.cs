using System.Globalization;
using Crm.Common.Grpc.V1;
using Crm.Grpc;
using Grpc.Core;

namespace Crm.Opportunities.Features;

/// <summary>
/// A page of a list: its size clamped to 1..200 (0 means 50) and where it starts. The token is the offset of the next
/// page; callers treat it as opaque.
/// </summary>
internal sealed record PageWindow(int Size, int Offset)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 200;

    public static (PageWindow Window, Status Status) Read(PageRequest? page)
    {
        var size = page is null || page.PageSize <= 0 ? DefaultSize : Math.Min(page.PageSize, MaxSize);
        var token = page?.PageToken ?? string.Empty;
        if (token.Length == 0)
        {
            return (new PageWindow(size, 0), Status.Ok);
        }

        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? (new PageWindow(size, offset), Status.Ok)
            : (new PageWindow(size, 0), Status.InvalidArgument("page.page_token", "is not a token this service handed out"));
    }

    /// <summary>The page of <paramref name="fetched"/> (read with <see cref="Size"/> + 1 rows) and the next token.</summary>
    public (IReadOnlyList<T> Items, string NextToken) Cut<T>(IReadOnlyList<T> fetched)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        return fetched.Count > Size
            ? ([.. fetched.Take(Size)], (Offset + Size).ToString(CultureInfo.InvariantCulture))
            : (fetched, string.Empty);
    }
}
