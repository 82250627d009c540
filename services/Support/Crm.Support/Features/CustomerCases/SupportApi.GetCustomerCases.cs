using Crm.Api;
using Crm.Grpc;
using Grpc.Core;
using Crm.Support.Grpc.V1;
using Microsoft.EntityFrameworkCore;
using CaseStatus = Crm.Support.Domain.CaseStatus;

namespace Crm.Support.Features;

public sealed partial class SupportApi
{
    /// <summary>Resolved cases younger than this many days are included when the request says 0.</summary>
    private const int DefaultRecentDays = 90;

    /// <summary>At most this many cases, newest first: the customer view shows what matters now.</summary>
    private const int MaxCustomerCases = 200;

    /// <summary>The customer's open cases and those resolved within <c>recent_days</c> (0: 90), newest first, with their
    /// interactions. A customer unknown here simply has none.</summary>
    public override Task<CustomerCases> GetCustomerCases(GetCustomerCasesRequest request, ServerCallContext context) => GetCustomerCasesAsync(request, context).Answer();

    private async Task<GrpcResult<CustomerCases>> GetCustomerCasesAsync(GetCustomerCasesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var customerId = check.Id(request.CustomerId, "customer_id");
        if (request.RecentDays is < 0 or > 3650)
        {
            check.Fail("recent_days", "must be between 0 (meaning 90) and 3650");
        }

        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var since = time.GetUtcNow().AddDays(-(request.RecentDays == 0 ? DefaultRecentDays : request.RecentDays));
        var cases = await db.Cases.AsNoTracking().Include(c => c.Interactions)
            .Where(c => c.CustomerId == customerId && (c.Status != CaseStatus.Resolved || c.ResolvedAt >= since))
            .OrderByDescending(c => c.OpenedAt).Take(MaxCustomerCases).AsSplitQuery()
            .ToListAsync(context.CancellationToken);
        var (fitted, truncated) = ResponseBudget.Fit(cases.Select(c => c.ToMessage()));
        return new CustomerCases { Cases = { fitted }, Truncated = truncated };
    }
}
