using Crm.Messaging.Data;
using Crm.Api;
using Crm.Contracts.Support;
using Crm.Grpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Crm.Support.Domain;
using V1 = Crm.Support.Grpc.V1;

namespace Crm.Support.Features;

public sealed partial class SupportApi
{
    /// <summary>Opens a case with the service-level targets of its priority (P1: respond 1 h / resolve 4 h, P2: 4 h / 1 day,
    /// P3: 1 day / 3 days, P4: 2 days / 10 days); it is assigned to whoever opened it. The customer must exist (support
    /// learns every customer from AccountCreated).</summary>
    public override Task<V1.Case> OpenCase(V1.OpenCaseRequest request, ServerCallContext context) => OpenCaseAsync(request, context).Answer();

    private async Task<GrpcResult<V1.Case>> OpenCaseAsync(V1.OpenCaseRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var customerId = check.Id(request.CustomerId, "customer_id");
        if (request.Kind is not (V1.CaseKind.Inquiry or V1.CaseKind.Problem))
        {
            check.Fail("kind", "is required: INQUIRY or PROBLEM");
        }

        if (request.Priority is < 1 or > 4)
        {
            check.Fail("priority", $"{request.Priority} is not a priority: 1 (the customer cannot work) to 4 (a question)");
        }

        var subject = check.Text(request.Subject, "subject", TextLimits.Line);
        var description = check.OptionalText(request.Description, "description", TextLimits.Note) ?? string.Empty;
        if (check.Failure is { } failure)
        {
            return failure;
        }

        if (!await db.Customers.AnyAsync(c => c.CustomerId == customerId, context.CancellationToken))
        {
            return Status.NotFound($"customer_id: customer {customerId} does not exist (a customer created a moment ago reaches support within seconds: try again)");
        }

        var now = time.UtcNowInMicroseconds();
        var kind = request.Kind == V1.CaseKind.Problem ? CaseKind.Problem : CaseKind.Inquiry;
        var opened = SupportCase.Open(customerId, kind, request.Priority, subject, description, Caller.Of(context), now);
        db.Cases.Add(opened);
        await db.SaveChangesAsync(context.CancellationToken);
        return opened.ToMessage();
    }
}
