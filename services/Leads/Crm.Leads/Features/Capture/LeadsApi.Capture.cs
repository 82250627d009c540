using Crm.Api;
using Crm.Domain;
using Crm.Contracts.Leads;
using Crm.Grpc;
using Crm.Grpc.Security;
using Grpc.Core;
using Crm.Leads.Domain;
using Crm.Leads.Features.Shared;
using Crm.Leads.Grpc.V1;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Contracts = Crm.Contracts;
using Lead = Crm.Leads.Domain.Lead;

namespace Crm.Leads.Features;

/// <summary>Capture: every lead with its source, never the same person twice.</summary>
public sealed partial class LeadsApi
{
    /// <summary>The unique indexes that back de-duplication up when two captures race.</summary>
    private static readonly string[] ContactPointIndexes = ["leads_email_key", "leads_phone_key"];

    public override Task<CaptureLeadResponse> CaptureLead(CaptureLeadRequest request, ServerCallContext context) => CaptureLeadAsync(request, context).Answer();

    private async Task<GrpcResult<CaptureLeadResponse>> CaptureLeadAsync(CaptureLeadRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var source = check.Known(request.Source, "source", required: true);
        var campaignId = check.OptionalId(request.CampaignId, "campaign_id");
        var (company, contact) = CaptureRules.Details(request.Company, request.Contact, check);
        var notes = check.OptionalText(request.Notes, "notes", TextLimits.Note);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var cancellationToken = context.CancellationToken;
        if (campaignId is { } campaign && !await _db.Campaigns.AnyAsync(c => c.CampaignId == campaign, cancellationToken))
        {
            return CampaignNotFound(campaign);
        }

        var emailKey = ContactPoints.EmailKey(contact.Email);
        var phoneKey = contact.Phone;
        var reach = CallerReach.Of(context);
        if (await FindDuplicateAsync(emailKey, phoneKey, cancellationToken) is { } existing)
        {
            return Duplicate(existing, reach);
        }

        // A rep's own lead is their team's; marketing's leads wait in the pool for the first team that works them.
        var lead = Lead.Capture(CommonEnums.ToContract(source), campaignId, company, contact, notes, Caller.Of(context), Now(), reach.Everything ? null : reach.Team);
        _db.Leads.Add(lead);
        try
        {
            await _db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique
                                           && ContactPointIndexes.Contains(unique.ConstraintName))
        {
            // Another capture of the same person committed between our look-up and our insert: theirs stands, and
            // nothing of ours (lead or event) was written.
            _db.ChangeTracker.Clear();
            var winner = await FindDuplicateAsync(emailKey, phoneKey, cancellationToken)
                ?? throw new InvalidOperationException("a lead with this e-mail or phone was stored, yet it cannot be found", ex);
            return Duplicate(winner, reach);
        }

        return new CaptureLeadResponse { Lead = lead.ToMessage(), Duplicate = false };
    }

    /// <summary>The lead the person already is, when the caller may see it; otherwise only that another team works it.</summary>
    private static GrpcResult<CaptureLeadResponse> Duplicate(Lead existing, SalesReach reach) =>
        existing.WithinReachOf(reach).IsDone
            ? new CaptureLeadResponse { Lead = existing.ToMessage(), Duplicate = true }
            : Status.AlreadyExists($"contact: this person is already a lead worked by team {existing.SalesTeam}; its reps and manager work it");

    /// <summary>The lead with this normalised e-mail or, failing that, this normalised phone.</summary>
    private async Task<Lead?> FindDuplicateAsync(string? emailKey, string? phoneKey, CancellationToken cancellationToken)
    {
        var matches = await _db.Leads.AsNoTracking()
            .Where(l => (emailKey != null && l.EmailKey == emailKey) || (phoneKey != null && l.PhoneKey == phoneKey))
            .ToListAsync(cancellationToken);
        return matches.Find(l => emailKey is not null && l.EmailKey == emailKey) ?? matches.FirstOrDefault();
    }
}
