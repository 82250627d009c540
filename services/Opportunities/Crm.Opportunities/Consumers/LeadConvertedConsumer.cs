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
        var account = await MatchAsync(message, context, cancellationToken) ?? Create(message, context, now);
        AddContactUnlessKnown(message, account, context, now);
        Open(message, account, context, now);
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

    private static Account Create(LeadConverted message, OpportunitiesDbContext context, DateTimeOffset now)
    {
        var company = message.Company;
        var account = new Account
        {
            CustomerId = Guid.NewGuid(),
            Name = company.Name.Trim(),
            NormalizedName = CustomerMatching.NormalizeName(company.Name),
            Industry = company.Industry,
            Website = company.Website,
            Street = company.Address?.Street,
            City = company.Address?.City,
            Region = company.Address?.Region,
            PostalCode = company.Address?.PostalCode,
            Country = company.Address?.Country,
            OwnerId = OwnerOf(message),
            CreatedAt = now,
            Version = 1,
        };
        context.Accounts.Add(account);
        context.Publish(new AccountCreated(
            Guid.NewGuid(), now, account.CustomerId, account.Version, account.Name, account.Industry, account.Website, company.Address, account.OwnerId));
        return account;
    }

    private static void AddContactUnlessKnown(LeadConverted message, Account account, OpportunitiesDbContext context, DateTimeOffset now)
    {
        var person = message.Contact;
        var email = CustomerMatching.NormalizeEmail(person.Email);
        var known = email is null
            ? account.Contacts.Any(c => c.NormalizedEmail is null && string.Equals(c.FirstName, person.FirstName, StringComparison.OrdinalIgnoreCase) && string.Equals(c.LastName, person.LastName, StringComparison.OrdinalIgnoreCase))
            : account.Contacts.Any(c => c.NormalizedEmail == email);
        if (known)
        {
            return;
        }

        var contact = new Contact
        {
            ContactId = Guid.NewGuid(),
            CustomerId = account.CustomerId,
            FirstName = person.FirstName,
            LastName = person.LastName,
            Title = person.Title,
            Email = person.Email?.Trim(),
            NormalizedEmail = email,
            Phone = person.Phone,
            NormalizedPhone = CustomerMatching.NormalizePhone(person.Phone),
            BuyingRole = person.BuyingRole,
            AddedAt = now,
        };
        account.Contacts.Add(contact);
        if (context.Entry(account).State != EntityState.Added)
        {
            context.Contacts.Add(contact);
        }

        account.Version++;
        context.Publish(new ContactAdded(
            Guid.NewGuid(), now, account.CustomerId, account.Version, contact.ContactId, contact.FirstName, contact.LastName,
            contact.Email, contact.Phone, contact.Title, contact.BuyingRole));
    }

    private static void Open(LeadConverted message, Account account, OpportunitiesDbContext context, DateTimeOffset now)
    {
        var budget = message.Qualification.Budget;
        var opportunity = new Opportunity
        {
            OpportunityId = message.OpportunityId,
            CustomerId = account.CustomerId,
            Name = string.IsNullOrWhiteSpace(message.OpportunityName) ? account.Name : message.OpportunityName.Trim(),
            Stage = OpportunityStage.Qualification,
            Probability = StageProbability.Default(OpportunityStage.Qualification),
            Amount = budget?.Amount ?? 0m,
            Currency = budget?.Currency ?? DefaultCurrency,
            CloseDate = message.Qualification.DecisionBy ?? DateOnly.FromDateTime(now.UtcDateTime).AddDays(DefaultDaysToClose),
            ForecastCategory = ForecastCategory.Pipeline,
            OwnerId = OwnerOf(message),
            LeadId = message.LeadId,
            Source = message.Source,
            CampaignId = message.CampaignId,
            OpenedAt = now,
            Version = 1,
        };
        context.Opportunities.Add(opportunity);
        context.Publish(new OpportunityOpened(
            Guid.NewGuid(), now, account.CustomerId, opportunity.OpportunityId, opportunity.Version, opportunity.Name, opportunity.OwnerId,
            opportunity.Stage, opportunity.Probability, new Money(opportunity.Currency, opportunity.Amount), opportunity.CloseDate,
            opportunity.Source, opportunity.CampaignId, opportunity.LeadId));
    }

    private static string OwnerOf(LeadConverted message) =>
        string.IsNullOrWhiteSpace(message.OpportunityOwnerId) ? message.ConvertedBy : message.OpportunityOwnerId;
}
