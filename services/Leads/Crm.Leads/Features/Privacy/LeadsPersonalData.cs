using Crm.Leads.Data;
using Crm.Leads.Domain;
using Crm.Messaging.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Crm.Leads.Features.Privacy;

/// <summary>The people the leads service holds: the person behind each lead, found by the lead's e-mail key, with the
/// texts drip marketing sent them (their names filled in); the person of each row an import rejected, found by the
/// row's e-mail key (they may never have become a lead); and a customer's contact as de-duplication and marketing know them, with the texts
/// drip marketing sent them.</summary>
internal sealed class LeadsPersonalData(LeadsDbContext db) : IPersonalDataHolder
{
    public async Task<IReadOnlyList<HeldRecord>> ExportAsync(string emailKey, CancellationToken cancellationToken)
    {
        var leads = await db.Leads.AsNoTracking().Where(l => l.EmailKey == emailKey).OrderBy(l => l.Position).ToListAsync(cancellationToken);
        var rejections = await db.ImportRejections.AsNoTracking().Where(r => r.EmailKey == emailKey).OrderBy(r => r.ImportId).ThenBy(r => r.Line).ToListAsync(cancellationToken);
        var contacts = await db.KnownContacts.AsNoTracking().Where(c => c.EmailKey == emailKey).ToListAsync(cancellationToken);
        var leadIds = leads.Select(l => (Guid?)l.LeadId).ToList();
        var contactIds = contacts.Select(c => (Guid?)c.ContactId).ToList();
        var touches = await db.Touches.AsNoTracking().Where(t => leadIds.Contains(t.LeadId) || contactIds.Contains(t.ContactId)).OrderBy(t => t.SentAt).ToListAsync(cancellationToken);
        return
        [
            .. leads.Select(l => new HeldRecord("lead", l.LeadId, Fields(l))),
            .. touches.Select(t => new HeldRecord("drip touch", t.TouchId, new HeldFields().Add("channel", t.Channel).Add("subject", t.Subject).Add("body", t.Body).Add("sent_at", t.SentAt).All)),
            .. contacts.Select(c => new HeldRecord("known contact", c.ContactId, ContactFields(c))),
            .. rejections.Select(r => new HeldRecord("lead import rejection", r.ImportId, new HeldFields().Add("line", r.Line).Add("reason", r.Reason).Add("raw_line", r.RawLine).All)),
        ];
    }

    public async Task<ErasedPerson> EraseAsync(string emailKeyHash, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var leads = await db.Leads
            .FromSql($"SELECT * FROM leads WHERE email_key IS NOT NULL AND encode(sha256(convert_to(email_key, 'UTF8')), 'hex') = {emailKeyHash}")
            .ToListAsync(cancellationToken);
        var erased = ErasedPerson.Nothing;
        foreach (var lead in leads)
        {
            var held = lead.ErasePerson(Pseudonym.Of(lead.LeadId), at);
            erased = erased.And(ErasedPerson.Record(held.Contact.FirstName, held.Contact.LastName, held.Contact.Email, held.EmailKey, held.Contact.Phone, held.PhoneKey));
        }

        // The texts sent to them name them: they go; what was sent when, and why, stays. A customer's contact is no
        // longer known at all: a cadence stops for them at its next step.
        var leadIds = leads.Select(l => (Guid?)l.LeadId).ToList();
        var contactIds = await db.KnownContacts
            .FromSql($"SELECT * FROM known_contacts WHERE email_key IS NOT NULL AND encode(sha256(convert_to(email_key, 'UTF8')), 'hex') = {emailKeyHash}")
            .Select(c => (Guid?)c.ContactId)
            .ToListAsync(cancellationToken);
        await db.Touches.Where(t => leadIds.Contains(t.LeadId) || contactIds.Contains(t.ContactId)).ExecuteUpdateAsync(t => t.SetProperty(x => x.Body, string.Empty), cancellationToken);
        await db.CallTasks.Where(t => leadIds.Contains(t.LeadId)).ExecuteUpdateAsync(t => t.SetProperty(x => x.Script, string.Empty), cancellationToken);
        await db.KnownContacts.Where(c => contactIds.Contains(c.ContactId)).ExecuteDeleteAsync(cancellationToken);

        var rejections = await db.ImportRejections
            .FromSql($"SELECT * FROM lead_import_rejections WHERE email_key IS NOT NULL AND encode(sha256(convert_to(email_key, 'UTF8')), 'hex') = {emailKeyHash}")
            .ToListAsync(cancellationToken);
        foreach (var rejection in rejections)
        {
            erased = erased.And(new ErasedPerson(1, [rejection.ErasePerson(Pseudonym.Of(rejection.ImportId))!], []));
        }

        return erased;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> ContactFields(KnownContact contact) => new HeldFields()
        .Add("first_name", contact.FirstName)
        .Add("last_name", contact.LastName)
        .Add("title", contact.Title)
        .Add("email", contact.Email)
        .Add("phone", contact.Phone)
        .Add("buying_role", contact.BuyingRole)
        .Add("email_key", contact.EmailKey)
        .Add("phone_key", contact.PhoneKey)
        .Add(contact.Consents)
        .All;

    private static IReadOnlyList<KeyValuePair<string, string>> Fields(Lead lead) => new HeldFields()
        .Add("contact.first_name", lead.Contact.FirstName)
        .Add("contact.last_name", lead.Contact.LastName)
        .Add("contact.title", lead.Contact.Title)
        .Add("contact.email", lead.Contact.Email)
        .Add("contact.phone", lead.Contact.Phone)
        .Add("contact.buying_role", lead.Contact.BuyingRole)
        .Add("company.name", lead.Company.Name)
        .Add("company.address", lead.Company.Address)
        .Add("notes", lead.Notes)
        .Add("status", lead.Status)
        .Add("source", lead.Source)
        .Add("captured_at", lead.CapturedAt)
        .Add("sales_team", lead.SalesTeam)
        .Add(lead.Consents)
        .All;
}
