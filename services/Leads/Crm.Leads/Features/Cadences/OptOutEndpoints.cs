using Crm.Leads.Data;
using Crm.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Crm.Leads.Features.Cadences;

/// <summary>
/// The opt-out link of every drip e-mail: <c>GET /opt-out/{token}</c> asks to confirm (so that a mail filter that
/// follows links opts nobody out), and <c>POST</c> (the button, or a mail program's one-click List-Unsubscribe)
/// records the person's opt-out of e-mail, after which every cadence stops for them. People reach it through the web
/// app, which passes the link on (this port is not open to the outside). Open without signing in: the random token of
/// one e-mail is the only key, and the pages name nobody.
/// </summary>
public static class OptOutEndpoints
{
    public static WebApplication MapOptOut(this WebApplication app)
    {
        var optOut = app.MapGroup("/opt-out").AllowAnonymous();
        optOut.MapGet("/{token}", async (string token, LeadsDbContext db, CancellationToken cancellationToken) =>
            await db.Touches.AnyAsync(t => t.OptOutToken == token, cancellationToken)
                ? Page("Unsubscribe", "Press the button to receive no more marketing e-mails from us.", "<form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>")
                : UnknownLink());
        optOut.MapPost("/{token}", async (string token, LeadsDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var touch = await db.Touches.AsNoTracking().SingleOrDefaultAsync(t => t.OptOutToken == token, cancellationToken);
            if (touch is null)
            {
                return UnknownLink();
            }

            // Saying it twice changes nothing; an erased person has nothing left to opt out of (a lead keeps its
            // history, a contact is no longer known).
            IDripRecipient? person = touch.LeadId is { } leadId
                ? await db.Leads.SingleOrDefaultAsync(l => l.LeadId == leadId && l.ErasedAt == null, cancellationToken)
                : await db.KnownContacts.SingleOrDefaultAsync(c => c.ContactId == touch.ContactId, cancellationToken);
            if (person is not null)
            {
                person.Unsubscribe(clock.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
            }

            return Page("Unsubscribed", "You are unsubscribed: we will send you no more marketing e-mails.", string.Empty);
        });
        return app;
    }

    private static IResult UnknownLink() =>
        Results.Content(Html("Unknown link", "This link is not one of ours, or it was cut short. Copy the whole link from the e-mail."), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    private static IResult Page(string title, string text, string form) => Results.Content(Html(title, text, form), "text/html; charset=utf-8");

    private static string Html(string title, string text, string form = "") =>
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1><p>{text}</p>{form}</body></html>";
}
