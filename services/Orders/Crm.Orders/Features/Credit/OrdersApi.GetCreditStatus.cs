using Crm.Api;
using Crm.Grpc;
using Grpc.Core;
using Crm.Orders.Grpc.V1;
using Microsoft.EntityFrameworkCore;
using InvoiceStatus = Crm.Orders.Domain.InvoiceStatus;

namespace Crm.Orders.Features;

public sealed partial class OrdersApi
{
    /// <summary>Whether the customer may order: on hold while an invoice is overdue, naming it. Unknown customers are in good standing.</summary>
    public override Task<CreditStatus> GetCreditStatus(GetCreditStatusRequest request, ServerCallContext context) => GetCreditStatusAsync(request, context).Answer();

    private async Task<GrpcResult<CreditStatus>> GetCreditStatusAsync(GetCreditStatusRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var customerId = check.Id(request.CustomerId, "customer_id");
        return check.Failure is { } invalid ? invalid : await CreditStatusOfAsync(customerId, context.CancellationToken);
    }

    private async Task<CreditStatus> CreditStatusOfAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var account = await db.CreditAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerId == customerId, cancellationToken);
        var overdue = await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == customerId && i.Status == InvoiceStatus.Overdue)
            .OrderBy(i => i.DueOn).Select(i => i.Id).ToListAsync(cancellationToken);
        return account.ToMessage(customerId, overdue);
    }
}
