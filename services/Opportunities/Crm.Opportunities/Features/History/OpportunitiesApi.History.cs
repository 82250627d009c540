using Crm.Api;
using Crm.Grpc;
using Crm.Opportunities.Domain;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Features;

/// <summary>
/// Deals of the past, brought from another system with their dated history: each replayed as it happened, so that it
/// publishes the events it would have published (through the outbox, in the same transaction as the deals), and the
/// reports and the flow forecast learn from them. All of a request's deals are written, or none.
/// </summary>
internal sealed partial class OpportunitiesApi
{
    /// <summary>The most deals one request brings: a few seconds of work, a few megabytes of request.</summary>
    public const int MostHistoricDeals = 500;

    public override Task<Wire.ImportDealHistoryResponse> ImportDealHistory(Wire.ImportDealHistoryRequest request, ServerCallContext context) => ImportDealHistoryAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.ImportDealHistoryResponse>> ImportDealHistoryAsync(Wire.ImportDealHistoryRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        if (request.Deals.Count is 0 or > MostHistoricDeals)
        {
            check.Fail("deals", $"must hold 1 to {MostHistoricDeals} deals");
        }

        var deals = request.Deals.Select((d, i) => HistoricDealReading.Read(d, $"deals[{i}]", check)).ToList();
        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var ids = deals.Select(d => d!.OpportunityId).ToList();
        // Imported before, or earlier in this request: skipped.
        var seen = (await db.Opportunities.AsNoTracking().Where(o => ids.Contains(o.OpportunityId)).Select(o => o.OpportunityId).ToListAsync(context.CancellationToken)).ToHashSet();
        var customers = deals.Select(d => d!.CustomerId).Distinct().ToList();
        var accounts = (await db.Accounts.AsNoTracking().Where(a => customers.Contains(a.CustomerId)).Select(a => a.CustomerId).ToListAsync(context.CancellationToken)).ToHashSet();
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var imported = 0;
        for (var i = 0; i < deals.Count; i++)
        {
            var deal = deals[i]!;
            if (!seen.Add(deal.OpportunityId))
            {
                continue;
            }

            if (!accounts.Contains(deal.CustomerId))
            {
                return Status.InvalidArgument($"deals[{i}].customer_id", $"no account has customer id {deal.CustomerId}");
            }

            var replayed = Opportunity.Replay(deal, today);
            if (replayed.Error is { } refused)
            {
                return (refused with { Field = $"deals[{i}].{refused.Field}" }).ToStatus();
            }

            db.Opportunities.Add(replayed.Value!);
            imported++;
        }

        // One transaction: the deals and their events, or nothing. Two imports of one key at once: one loses on the key.
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new Status(StatusCode.Aborted, "another import brought some of these deals at the same time: send the request again (the deals it brought are skipped)");
        }

        return new Wire.ImportDealHistoryResponse { Imported = imported, AlreadyImported = deals.Count - imported };
    }
}
