using Crm.Leads.Data;
using Crm.Leads.Domain;
using Crm.Messaging.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Lead = Crm.Leads.Domain.Lead;

namespace Crm.Leads.Features.Import;

/// <summary>
/// Merges one batch in one transaction: its leads are copied (binary COPY) into a staging table and inserted from
/// there into <c>leads</c>, skipping each whose e-mail or phone key a lead already has (the unique indexes that
/// de-duplicate captures, so a capture racing the import cannot double a person either) or a customer's contact has
/// (<see cref="KnownContact"/>); the LeadCaptured events of the
/// leads inserted, and only theirs, go into the outbox; the rejections are copied; and the import's counts grow. Either
/// all of it is stored or none.
/// </summary>
internal sealed class ImportBatchWriter(LeadsDbContext db)
{
    private const string Staging = "lead_import_staging";

    public async Task<ImportCounts> MergeAsync(LeadImport record, ImportBatch batch, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(batch);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var inserted = await InsertNewAsync(batch.Leads, transaction, cancellationToken);
        var accepted = batch.Leads.Where(l => inserted.Contains(l.LeadId)).ToList();
        await db.PublishInBulkAsync(accepted, cancellationToken);
        if (batch.Rejections.Count > 0)
        {
            await db.CopyAsync(batch.Rejections, cancellationToken);
        }

        var counts = new ImportCounts(accepted.Count, batch.Duplicates + batch.Leads.Count - accepted.Count, batch.Rejections.Count);
        if (record.Merged(counts, at).Error is { } refused)
        {
            throw new InvalidOperationException(refused.ToString());
        }

        // Saves the record's counts, and the audit record that names the events copied above.
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return counts;
    }

    /// <summary>Inserts the leads no existing lead or contact has the e-mail or phone key of; returns the ids inserted.</summary>
    private async Task<HashSet<Guid>> InsertNewAsync(List<Lead> leads, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var inserted = new HashSet<Guid>();
        if (leads.Count == 0)
        {
            return inserted;
        }

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
        // A person who is a customer's contact already is no new lead either.
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
        while (await reader.ReadAsync(cancellationToken))
        {
            inserted.Add(reader.GetGuid(0));
        }

        return inserted;
    }
}
