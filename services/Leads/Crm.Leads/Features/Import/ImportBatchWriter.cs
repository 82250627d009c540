using Crm.Leads.Data;
using Crm.Leads.Domain;
using Crm.Messaging.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Lead = Crm.Leads.Domain.Lead;

namespace Crm.Leads.Features.Import;

/// <summary>
/// Merges one batch in one transaction: the batch's e-mail and phone keys that a lead already has, or a customer's
/// contact (<see cref="KnownContact"/>), are looked up, and the other leads are copied (binary COPY) straight into
/// <c>leads</c>; the LeadCaptured events of the leads stored, and only theirs, go into the outbox in
/// <c>LeadsImported</c> messages; the rejections are copied; and the import's counts grow. Either all of it is stored
/// or none. A capture or another import that stores one of the same people between the look-up and the copy breaks
/// a unique index (the one that de-duplicates captures): the copy is then undone and the batch merged through a
/// staging table that skips whatever is stored by then.
/// </summary>
internal sealed class ImportBatchWriter(LeadsDbContext db)
{
    private const string Staging = "lead_import_staging";
    private const string Direct = "import_direct_copy";

    /// <summary>The batch's keys stored already, marked 'e' (an e-mail key) or 'p' (a phone key).</summary>
    private const string KnownKeys = """
        SELECT 'e', k FROM unnest($1::text[]) k
        WHERE EXISTS (SELECT FROM leads l WHERE l.email_key = k) OR EXISTS (SELECT FROM known_contacts c WHERE c.email_key = k)
        UNION ALL
        SELECT 'p', k FROM unnest($2::text[]) k
        WHERE EXISTS (SELECT FROM leads l WHERE l.phone_key = k) OR EXISTS (SELECT FROM known_contacts c WHERE c.phone_key = k)
        """;

    public async Task<ImportCounts> MergeAsync(LeadImport record, ImportBatch batch, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(batch);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var accepted = batch.Leads.Count == 0 ? [] : await InsertNewAsync(batch.Leads, transaction, cancellationToken);
        foreach (var message in ImportEvents.Imported(record, accepted, at))
        {
            db.Publish(message);
        }

        if (batch.Rejections.Count > 0)
        {
            await db.CopyAsync(batch.Rejections, cancellationToken);
        }

        var counts = new ImportCounts(accepted.Count, batch.Duplicates + batch.Leads.Count - accepted.Count, batch.Rejections.Count);
        if (record.Merged(counts, at).Error is { } refused)
        {
            throw new InvalidOperationException(refused.ToString());
        }

        // Saves the record's counts with the events, and the audit record that names them.
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return counts;
    }

    /// <summary>Inserts the leads no existing lead or contact has the e-mail or phone key of; returns those inserted.</summary>
    private async Task<List<Lead>> InsertNewAsync(List<Lead> leads, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var (emails, phones) = await KnownKeysAsync(leads, transaction, cancellationToken);
        var fresh = leads.Where(l => !(l.EmailKey is { } e && emails.Contains(e)) && !(l.PhoneKey is { } p && phones.Contains(p))).ToList();
        if (fresh.Count == 0)
        {
            return fresh;
        }

        await transaction.CreateSavepointAsync(Direct, cancellationToken);
        try
        {
            await db.CopyAsync(fresh, cancellationToken);
            return fresh;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackToSavepointAsync(Direct, cancellationToken);
            var inserted = await MergeThroughStagingAsync(fresh, transaction, cancellationToken);
            return [.. fresh.Where(l => inserted.Contains(l.LeadId))];
        }
    }

    private async Task<(HashSet<string> Emails, HashSet<string> Phones)> KnownKeysAsync(List<Lead> leads, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var (emails, phones) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(KnownKeys, connection, (NpgsqlTransaction)transaction.GetDbTransaction())
        {
            Parameters =
            {
                new() { Value = leads.Select(l => l.EmailKey).OfType<string>().ToArray() },
                new() { Value = leads.Select(l => l.PhoneKey).OfType<string>().ToArray() },
            },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            _ = (reader.GetChar(0) == 'e' ? emails : phones).Add(reader.GetString(1));
        }

        return (emails, phones);
    }

    /// <summary>The way round a race: copies the leads into a staging table and inserts from there those whose keys no
    /// lead or contact has by now; returns the ids inserted.</summary>
    private async Task<HashSet<Guid>> MergeThroughStagingAsync(List<Lead> leads, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var columns = db.ColumnList<Lead>();
        var table = db.TableOf<Lead>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();

        // The staging table lives as long as the transaction: a cancelled batch leaves nothing behind.
        await using (var create = new NpgsqlCommand($"CREATE TEMP TABLE {Staging} ON COMMIT DROP AS SELECT {columns} FROM {table} WITH NO DATA", connection, npgsqlTransaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await db.CopyAsync(leads, cancellationToken, Staging);
        await using var merge = new NpgsqlCommand(
            $"""
            INSERT INTO {table} ({columns}) SELECT {columns} FROM {Staging} s
            WHERE NOT EXISTS (SELECT FROM known_contacts k WHERE k.email_key = s.email_key)
              AND NOT EXISTS (SELECT FROM known_contacts k WHERE k.phone_key = s.phone_key)
            ON CONFLICT DO NOTHING RETURNING lead_id
            """,
            connection,
            npgsqlTransaction);
        await using var reader = await merge.ExecuteReaderAsync(cancellationToken);
        var inserted = new HashSet<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            inserted.Add(reader.GetGuid(0));
        }

        return inserted;
    }
}
