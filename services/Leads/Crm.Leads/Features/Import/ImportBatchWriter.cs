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
/// a unique index (the one that de-duplicates captures): the copy is then undone and the keys looked up again.
/// </summary>
internal sealed class ImportBatchWriter(LeadsDbContext db)
{
    private const string Copying = "import_copy";

    /// <summary>Copies tried per batch: each one after the first follows a race lost to a capture or another import.</summary>
    private const int Rounds = 5;

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

    /// <summary>
    /// Copies the leads whose e-mail and phone keys no lead or contact has; returns those copied. A copy that breaks a
    /// unique key lost a race to a capture or another import that committed the same person in the meantime (the copy
    /// waits for that commit): it is undone to a savepoint, and looking the keys up again finds that person. Each
    /// round so finds at least one more key stored; a few rounds are allowed before the batch gives up.
    /// </summary>
    private async Task<List<Lead>> InsertNewAsync(List<Lead> leads, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        for (var round = 1; ; round++)
        {
            leads = await WithoutKnownKeysAsync(leads, transaction, cancellationToken);
            if (leads.Count == 0)
            {
                return leads;
            }

            await transaction.CreateSavepointAsync(Copying, cancellationToken);
            try
            {
                await db.CopyAsync(leads, cancellationToken);
                return leads;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && round < Rounds)
            {
                await transaction.RollbackToSavepointAsync(Copying, cancellationToken);
            }
        }
    }

    /// <summary>The leads none of whose keys a lead or a customer's contact has.</summary>
    private async Task<List<Lead>> WithoutKnownKeysAsync(List<Lead> leads, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var (emails, phones) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var command = new NpgsqlCommand(KnownKeys, connection, (NpgsqlTransaction)transaction.GetDbTransaction())
        {
            Parameters =
            {
                new() { Value = leads.Select(l => l.EmailKey).OfType<string>().ToArray() },
                new() { Value = leads.Select(l => l.PhoneKey).OfType<string>().ToArray() },
            },
        })
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                _ = (reader.GetChar(0) == 'e' ? emails : phones).Add(reader.GetString(1));
            }
        }

        return emails.Count == 0 && phones.Count == 0
            ? leads
            : [.. leads.Where(l => !(l.EmailKey is { } e && emails.Contains(e)) && !(l.PhoneKey is { } p && phones.Contains(p)))];
    }
}
