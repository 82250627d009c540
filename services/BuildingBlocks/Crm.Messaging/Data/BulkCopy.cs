using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Crm.Messaging.Data;

/// <summary>
/// Writes many entities at once with PostgreSQL's binary <c>COPY ... FROM STDIN</c>, exactly as EF Core would insert
/// them one by one: the columns, their store types and the value conversions (enums by name, jsonb documents) are read
/// from the context's model, so a property added to an entity is copied without anyone touching this. Columns the store
/// generates (identities) are left to the store. The copy runs on the context's connection, inside its current
/// transaction when there is one; EF Core's change tracker is not involved (nothing is tracked afterwards).
/// </summary>
public static class BulkCopy
{
    /// <summary>
    /// Copies <paramref name="entities"/> into the table EF Core maps them to and returns how many rows were written.
    /// Cancelling ends the copy and writes nothing.
    /// </summary>
    public static async Task<ulong> CopyAsync<TEntity>(this DbContext db, IEnumerable<TEntity> entities, CancellationToken cancellationToken)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entities);
        var columns = ColumnsOf<TEntity>(db);
        var target = Quoted(EntityTypeOf<TEntity>(db).GetTableName()
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not mapped to a table"));
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var copy = $"COPY {target} ({string.Join(", ", columns.Select(c => Quoted(c.Name)))}) FROM STDIN (FORMAT BINARY)";
            await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
            foreach (var entity in entities)
            {
                await importer.StartRowAsync(cancellationToken);
                foreach (var column in columns)
                {
                    await column.WriteAsync(importer, entity, cancellationToken);
                }
            }

            return await importer.CompleteAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static IEntityType EntityTypeOf<TEntity>(DbContext db) =>
        db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model of {db.GetType().Name}");

    private static List<CopiedColumn> ColumnsOf<TEntity>(DbContext db)
        where TEntity : class =>
        [.. EntityTypeOf<TEntity>(db).GetProperties()
            .Where(p => p.ValueGenerated == ValueGenerated.Never)
            .Select(p => new CopiedColumn(
                p.GetColumnName(),
                p.GetColumnType(),
                p.GetGetter(),
                p.GetTypeMapping().Converter))];

    private static string Quoted(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>One column: where its value comes from, how EF Core converts it, and its store type (which tells jsonb
    /// from text: both are strings here).</summary>
    private sealed record CopiedColumn(string Name, string StoreType, IClrPropertyGetter Getter, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter)
    {
        public Task WriteAsync(NpgsqlBinaryImporter importer, object entity, CancellationToken cancellationToken)
        {
            var value = Getter.GetClrValueUsingContainingEntity(entity);
            if (value is not null && Converter is not null)
            {
                value = Converter.ConvertToProvider(value);
            }

            return value is null
                ? importer.WriteNullAsync(cancellationToken)
                : importer.WriteAsync(value, StoreType, cancellationToken);
        }
    }
}
