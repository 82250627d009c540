using Crm.Api;
using Crm.Grpc;
using Crm.Orders.Grpc.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using CreditStanding = Crm.Contracts.Orders.CreditStatus;
using InvoiceStatus = Crm.Orders.Domain.InvoiceStatus;

namespace Crm.Orders.Features;

public sealed partial class OrdersApi
{
    /// <summary>Accounting's worklist: the customers on credit hold, longest held first, each naming its overdue invoices.</summary>
    public override Task<CreditHolds> ListCreditHolds(ListCreditHoldsRequest request, ServerCallContext context) => ListCreditHoldsAsync(request, context).Answer();

    private async Task<GrpcResult<CreditHolds>> ListCreditHoldsAsync(ListCreditHoldsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.Limit is < 0 or > Paging.MaxSize)
        {
            return Status.InvalidArgument("limit", $"must be between 1 and {Paging.MaxSize} (0 for {Paging.DefaultSize})");
        }

        var limit = request.Limit == 0 ? Paging.DefaultSize : request.Limit;
        var held = await db.CreditAccounts.AsNoTracking()
            .Where(a => a.Status == CreditStanding.Hold)
            .OrderBy(a => a.Since).ThenBy(a => a.CustomerId)
            .Take(limit + 1).ToListAsync(context.CancellationToken);
        var shown = held.Take(limit).ToList();
        var customers = shown.Select(a => a.CustomerId).ToList();
        var overdue = (await db.Invoices.AsNoTracking()
                .Where(i => customers.Contains(i.CustomerId) && i.Status == InvoiceStatus.Overdue)
                .OrderBy(i => i.DueOn).Select(i => new { i.CustomerId, i.Id }).ToListAsync(context.CancellationToken))
            .ToLookup(i => i.CustomerId, i => i.Id);
        return new CreditHolds
        {
            Holds = { shown.Select(a => a.ToMessage(a.CustomerId, overdue[a.CustomerId])) },
            Truncated = held.Count > limit,
        };
    }
}
