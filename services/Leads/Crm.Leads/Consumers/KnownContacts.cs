using Crm.Leads.Data;
using Crm.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Crm.Leads.Consumers;

/// <summary>The one way the contacts' events change what de-duplication knows.</summary>
internal static class KnownContacts
{
    public static async Task KnowContactAsync(this LeadsDbContext db, Guid contactId, Guid customerId, string? email, string? phone, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var contact = await db.KnownContacts.SingleOrDefaultAsync(c => c.ContactId == contactId, cancellationToken);
        if (contact is null)
        {
            contact = KnownContact.New(contactId, customerId);
            db.KnownContacts.Add(contact);
        }

        contact.Reachable(email, phone, at);
    }
}
