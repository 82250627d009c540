using Crm.Messaging.Data;
using Crm.Api;
using Crm.Grpc;
using Crm.Grpc.Security;
using Grpc.Core;
using Crm.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Features;

/// <summary>Accounts: the customer master, read and searched (by the account's name, a contact's name, e-mail or phone).</summary>
internal sealed partial class OpportunitiesApi
{
    public override Task<Wire.Account> GetAccount(Wire.GetAccountRequest request, ServerCallContext context) => GetAccountAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Account>> GetAccountAsync(Wire.GetAccountRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        var customerId = check.Id(request.CustomerId, "customer_id");
        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var account = await db.Accounts.AsNoTracking().Include(a => a.Contacts)
            .FirstOrDefaultAsync(a => a.CustomerId == customerId, context.CancellationToken);
        return account is null ? Status.NotFound($"customer {customerId} does not exist") : account.ToWire();
    }

    public override Task<Wire.SearchAccountsResponse> SearchAccounts(Wire.SearchAccountsRequest request, ServerCallContext context) => SearchAccountsAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.SearchAccountsResponse>> SearchAccountsAsync(Wire.SearchAccountsRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        var query = check.Text(request.Query, "query", TextLimits.Line);
        var (size, before) = Paging.Read(request.Page, check);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        if (query.Length < 2)
        {
            return Status.InvalidArgument("query", "needs at least 2 characters");
        }

        var pattern = "%" + query.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        // A caller who may not see e-mail addresses and phone numbers may not find people by them either.
        var byContactPoints = !DataClassAccess.HiddenFrom(context.GetHttpContext().User).Contains(Crm.Common.Grpc.V1.DataClass.ContactPoint);
        var email = byContactPoints ? CustomerMatching.NormalizeEmail(query) : null;
        var phone = byContactPoints ? CustomerMatching.PhoneSearchSuffix(query) : null;
        var matches = db.Accounts.AsNoTracking().Include(a => a.Contacts)
            .Where(a => EF.Functions.ILike(a.Name, pattern)
                || a.Contacts.Any(c => (email != null && c.NormalizedEmail == email)
                    || EF.Functions.ILike(c.FirstName + " " + c.LastName, pattern)
                    || (phone != null && c.NormalizedPhone!.EndsWith(phone))));
        var (page, next) = await matches.PageAsync(a => a.Position, before, size, a => a.ToWire(), context.CancellationToken);
        return new Wire.SearchAccountsResponse { Accounts = { page }, NextPageToken = next };
    }
}
