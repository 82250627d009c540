using System.Security.Cryptography;
using Crm.Contracts.Leads;
using Crm.Leads.Data;
using Crm.Leads.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Leads.Features.Cadences;

/// <summary>
/// Runs drip marketing with no human action: new leads and contacts join the active cadences of their segments, then every due
/// step runs. A batch of due steps is claimed with <c>FOR UPDATE SKIP LOCKED</c> and moves on in the transaction that
/// records its touches, TouchSent events and call tasks, so that with several replicas sweeping at once each step runs
/// once. Times come from the service's clock, so tests move them on a fake one.
/// </summary>
public sealed partial class DripSweeper(LeadsDbContext db, TouchDelivery delivery, TimeProvider clock, IOptions<DripOptions> options, ILogger<DripSweeper> logger)
{
    /// <summary>One sweep: returns how many steps ran (a touch sent, skipped for want of an address, or a stop).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await JoinNewMembersAsync(cancellationToken);
        var total = 0;
        while (true)
        {
            var ran = await RunDueStepsAsync(cancellationToken);
            total += ran;
            if (ran < options.Value.BatchSize)
            {
                return total;
            }
        }
    }

    private async Task JoinNewMembersAsync(CancellationToken cancellationToken)
    {
        var active = await db.Cadences.Where(c => c.Status == CadenceStatus.Active).Select(c => c.CadenceId).ToListAsync(cancellationToken);
        foreach (var cadenceId in active)
        {
            // One transaction per cadence; the lock keeps two replicas from looking at the same people at once (and, being
            // no key lock, lets steps that record touches of the cadence go on meanwhile).
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var cadence = await db.Cadences
                .FromSql($"SELECT * FROM cadences WHERE cadence_id = {cadenceId} AND status = 'Active' FOR NO KEY UPDATE SKIP LOCKED")
                .SingleOrDefaultAsync(cancellationToken);
            if (cadence is not null)
            {
                var joined = await db.JoinNewMembersAsync(cadence, clock.GetUtcNow(), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                LogJoined(cadence.CadenceId, joined);
            }

            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    private async Task<int> RunDueStepsAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var due = await db.Enrollments
            .FromSql($"SELECT * FROM cadence_enrollments WHERE status = 'Active' AND due_at <= {now} ORDER BY due_at LIMIT {options.Value.BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var recipients = await RecipientsAsync(due, cancellationToken);
        var cadenceIds = due.Select(e => e.CadenceId).Distinct().ToList();
        var cadences = await db.Cadences.AsNoTracking().Where(c => cadenceIds.Contains(c.CadenceId)).ToDictionaryAsync(c => c.CadenceId, cancellationToken);
        var ran = 0;
        foreach (var enrollment in due)
        {
            try
            {
                await RunStepAsync(enrollment, cadences[enrollment.CadenceId], recipients.GetValueOrDefault(enrollment.MemberId), now, cancellationToken);
                ran++;
            }
            catch (Exception ex) when (TouchDelivery.IsUnavailable(ex))
            {
                // The steps before are recorded; this one and the rest run at a later sweep, once the server answers.
                LogSmtpUnavailable(ex.Message);
                break;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return ran;
    }

    /// <summary>The leads and contacts the enrollments reach, by id; an erased contact is no longer known and is missing.</summary>
    private async Task<Dictionary<Guid, IDripRecipient>> RecipientsAsync(IReadOnlyList<Enrollment> due, CancellationToken cancellationToken)
    {
        var leadIds = due.Where(e => e.Member is CadenceMember.Lead).Select(e => e.MemberId).Distinct().ToList();
        var contactIds = due.Where(e => e.Member is CadenceMember.Contact).Select(e => e.MemberId).Distinct().ToList();
        var recipients = new Dictionary<Guid, IDripRecipient>();
        foreach (var lead in await db.Leads.Where(l => leadIds.Contains(l.LeadId)).ToListAsync(cancellationToken))
        {
            recipients[lead.LeadId] = lead;
        }

        foreach (var contact in await db.KnownContacts.Where(c => contactIds.Contains(c.ContactId)).ToListAsync(cancellationToken))
        {
            recipients[contact.ContactId] = contact;
        }

        return recipients;
    }

    private async Task RunStepAsync(Enrollment enrollment, Cadence cadence, IDripRecipient? person, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // An erased contact is no longer known; an erased lead says so itself.
        if (person is null)
        {
            Stop(enrollment, cadence, "erased", now);
            return;
        }

        if (person.DripStopReason() is { } reason)
        {
            Stop(enrollment, cadence, reason, now);
            return;
        }

        var step = cadence.Step(enrollment.Step);
        if (person.Reaches(step.Channel))
        {
            var token = step.Channel is TouchChannel.Email ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : null;
            var touch = person.TouchFor(cadence, enrollment.Step, now, token);
            if (!await delivery.SendAsync(touch, person, cancellationToken))
            {
                Stop(enrollment, cadence, "e-mail address refused", now);
                return;
            }

            db.Touches.Add(touch);
            person.RecordTouch(touch);
            if (step.Channel is TouchChannel.PhoneCallTask)
            {
                db.CallTasks.Add(CallTask.For(touch));
            }
        }
        else
        {
            LogUnreachable(cadence.CadenceId, enrollment.Step, enrollment.MemberId, step.Channel);
        }

        enrollment.Advance(cadence, now);
    }

    private void Stop(Enrollment enrollment, Cadence cadence, string reason, DateTimeOffset now)
    {
        enrollment.StopFor(reason, now);
        LogStopped(cadence.CadenceId, enrollment.MemberId, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SMTP server did not take an e-mail; the sweep ends and the step runs again later: {Reason}")]
    private partial void LogSmtpUnavailable(string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cadence {CadenceId}: {Joined} people joined")]
    private partial void LogJoined(Guid cadenceId, int joined);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cadence {CadenceId} stopped for {MemberId}: {Reason}")]
    private partial void LogStopped(Guid cadenceId, Guid memberId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cadence {CadenceId} step {Step} skipped for {MemberId}: {Channel} does not reach them")]
    private partial void LogUnreachable(Guid cadenceId, int step, Guid memberId, TouchChannel channel);
}
