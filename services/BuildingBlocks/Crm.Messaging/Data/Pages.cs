using System.Linq.Expressions;
using Crm.Api;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;

namespace Crm.Messaging.Data;

/// <summary>The one way a list reads its page from the database (<see cref="Paging"/>: newest first by position).</summary>
public static class Pages
{
    /// <summary>
    /// The page of <paramref name="query"/> below <paramref name="before"/> (none: from the newest), at most
    /// <paramref name="size"/> rows and cut by the response budget, as messages, with the next page's token.
    /// </summary>
    public static async Task<(IReadOnlyList<TMessage> Page, string NextToken)> PageAsync<T, TMessage>(
        this IQueryable<T> query, Expression<Func<T, long>> position, long? before, int size, Func<T, TMessage> toMessage, CancellationToken cancellationToken)
        where TMessage : IMessage
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(position);
        if (before is { } below)
        {
            var isBelow = Expression.Lambda<Func<T, bool>>(Expression.LessThan(position.Body, Expression.Constant(below)), position.Parameters);
            query = query.Where(isBelow);
        }

        var fetched = await query.OrderByDescending(position).Take(size + 1).ToListAsync(cancellationToken);
        return Paging.Cut(fetched, size, position.Compile(), toMessage);
    }
}
