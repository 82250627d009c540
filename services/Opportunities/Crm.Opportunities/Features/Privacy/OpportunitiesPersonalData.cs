using Crm.Messaging.Privacy;
using Crm.Opportunities.Data;
using Crm.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Crm.Opportunities.Features.Privacy;

/// <summary>The people the opportunities service holds: customers' contacts, found by their normalised e-mail.</summary>
internal sealed class OpportunitiesPersonalData(OpportunitiesDbContext db) : IPersonalDataHolder
{
    public async Task<IReadOnlyList<HeldRecord>> ExportAsync(string emailKey, CancellationToken cancellationToken)
    {
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.NormalizedEmail == emailKey).OrderBy(c => c.AddedAt).ToListAsync(cancellationToken);
        var customers = contacts.Select(c => c.CustomerId).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => customers.Contains(a.CustomerId)).ToDictionaryAsync(a => a.CustomerId, a => a.Name, cancellationToken);
        return
        [
            .. contacts.Select(c => new HeldRecord("contact", c.ContactId, new HeldFields()
                .Add("first_name", c.FirstName)
                .Add("last_name", c.LastName)
                .Add("title", c.Title)
                .Add("email", c.Email)
                .Add("phone", c.Phone)
                .Add("buying_role", c.BuyingRole)
                .Add("customer_id", c.CustomerId)
                .Add("customer", accounts.GetValueOrDefault(c.CustomerId))
                .Add("added_at", c.AddedAt)
                .Add(c.Consents)
                .All)),
        ];
    }

    public async Task<ErasedPerson> EraseAsync(string emailKeyHash, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var found = await db.Contacts
            .FromSql($"SELECT * FROM contacts WHERE normalized_email IS NOT NULL AND encode(sha256(convert_to(normalized_email, 'UTF8')), 'hex') = {emailKeyHash}")
            .AsNoTracking()
            .Select(c => new { c.ContactId, c.CustomerId })
            .ToListAsync(cancellationToken);
        var customers = found.Select(c => c.CustomerId).Distinct().ToList();
        var accounts = await db.Accounts.Include(a => a.Contacts).Where(a => customers.Contains(a.CustomerId)).ToDictionaryAsync(a => a.CustomerId, cancellationToken);
        var erased = ErasedPerson.Nothing;
        foreach (var contact in found)
        {
            if (accounts[contact.CustomerId].EraseContact(contact.ContactId, Pseudonym.Of(contact.ContactId)) is { } held)
            {
                erased = erased.And(Held(held));
            }
        }

        return erased;
    }

    private static ErasedPerson Held(Contact held) =>
        ErasedPerson.Record(held.FirstName, held.LastName, held.Email, held.NormalizedEmail, held.Phone, held.NormalizedPhone);
}
