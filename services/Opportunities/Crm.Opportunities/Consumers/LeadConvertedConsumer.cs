using Crm.Messaging.Data;
using Crm.Contracts;
using Crm.Contracts.Leads;
using Crm.Contracts.Opportunities;
using Crm.Messaging.Inbox;
using Crm.Opportunities.Data;
using Crm.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Crm.Opportunities.Consumers;

/// <summary>
/// A converted lead becomes a customer: the company is matched to an account in the customer master (by normalised name,
/// or by an existing contact's e-mail) or creates one, the person becomes a contact with their buying role, and the
/// opportunity the lead named opens in Qualification for its owner (named as leads says, else after the company). The inbox and the opportunity id make a
/// redelivered conversion a no-op.
/// </summary>
internal sealed class LeadConvertedConsumer(OpportunitiesDbContext db, TimeProvider clock) : InboxConsumer<LeadConverted, OpportunitiesDbContext>(db)
{
    /// <summary>The amount's currency when the qualification stated no budget.</summary>
    public const string DefaultCurrency = "EUR";

    /// <summary>The expected close when the qualification stated no decision date: a quarter from now.</summary>
    private static readonly int DefaultDaysToClose = 90;

    protected override async Task ApplyAsync(LeadConverted message, OpportunitiesDbContext context, CancellationToken cancellationToken)
    {
        if (CustomerMatching.NormalizeName(message.Company.Name).Length == 0)
        {
            // Every nameless company would match every other: such a conversion goes to the error queue, unapplied.
            throw new InvalidOperationException($"lead {message.LeadId} was converted without a company name: there is no account to match or create");
        }

        if (await context.Opportunities.AnyAsync(o => o.OpportunityId == message.OpportunityId, cancellationToken))
        {
            // Already converted under another event id (a replay by leads): the opportunity is the conversion's key.
            return;
        }

        var now = clock.UtcNowInMicroseconds();
        var account = await MatchAsync(message, context, cancellationToken);
        if (account is null)
        {
            account = Account.Create(message.Company, OwnerOf(message), now);
            context.Accounts.Add(account);
        }

        if (account.AddContact(message.Contact, now) is { } contact && context.Entry(account).State != EntityState.Added)
        {
            context.Contacts.Add(contact);
        }

        var budget = message.Qualification.Budget;
        context.Opportunities.Add(Opportunity.Open(
            new OpportunityOrigin(message.OpportunityId, message.LeadId, message.Source, message.CampaignId, message.SalesTeam),
            account.CustomerId,
            string.IsNullOrWhiteSpace(message.OpportunityName) ? account.Name : message.OpportunityName.Trim(),
            OwnerOf(message),
            budget ?? new Money(DefaultCurrency, 0m),
            message.Qualification.DecisionBy ?? DateOnly.FromDateTime(now.UtcDateTime).AddDays(DefaultDaysToClose),
            now));
    }

    private static async Task<Account?> MatchAsync(LeadConverted message, OpportunitiesDbContext context, CancellationToken cancellationToken)
    {
        var name = CustomerMatching.NormalizeName(message.Company.Name);
        var account = await context.Accounts.Include(a => a.Contacts).FirstOrDefaultAsync(a => a.NormalizedName == name, cancellationToken);
        if (account is not null || CustomerMatching.NormalizeEmail(message.Contact.Email) is not { } email)
        {
            return account;
        }

        return await context.Accounts.Include(a => a.Contacts)
            .Where(a => a.Contacts.Any(c => c.NormalizedEmail == email))
            .OrderBy(a => a.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private static string OwnerOf(LeadConverted message) =>
        string.IsNullOrWhiteSpace(message.OpportunityOwnerId) ? message.ConvertedBy : message.OpportunityOwnerId;
}
