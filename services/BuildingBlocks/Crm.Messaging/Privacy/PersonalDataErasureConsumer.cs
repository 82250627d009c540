using Crm.Contracts;
using Crm.Contracts.Leads;
using Crm.Messaging.Inbox;
using Microsoft.Extensions.Logging;

namespace Crm.Messaging.Privacy;

/// <summary>
/// Erases a person in this service when the erasure event arrives, exactly once (the inbox): the service's own records
/// through its <see cref="IPersonalDataHolder"/>s, then every other copy of what they held in its database, then a row
/// that says it is done, all in one transaction.
/// </summary>
internal sealed partial class PersonalDataErasureConsumer<TDbContext>(
    TDbContext db,
    IEnumerable<IPersonalDataHolder> holders,
    TimeProvider clock,
    ILogger<PersonalDataErasureConsumer<TDbContext>> logger) : InboxConsumer<PersonalDataErasureRequested, TDbContext>(db)
    where TDbContext : MessagingDbContext
{
    protected override string InboxName => "Crm.Messaging.Privacy.PersonalDataErasure";

    // A whole database's text columns are searched: more than a usual effect's few rows.
    protected override TimeSpan EffectTimeout => TimeSpan.FromMinutes(5);

    protected override async Task ApplyAsync(PersonalDataErasureRequested message, TDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var at = clock.GetUtcNow();
        var erased = ErasedPerson.Nothing;
        foreach (var holder in holders)
        {
            erased = erased.And(await holder.EraseAsync(message.EmailKeyHash, at, cancellationToken));
        }

        // The records first, so that the search below sees them erased and changes only the copies.
        await context.SaveChangesAsync(cancellationToken);
        var copies = await PersonalDataScrub.ReplaceAsync(context, erased, Pseudonym.Of(message.RequestId), cancellationToken);
        context.Set<PersonalDataErasure>().Add(new PersonalDataErasure
        {
            RequestId = message.RequestId,
            RequestedAt = message.OccurredAt,
            ErasedAt = at,
            Records = erased.Records,
        });
        LogErased(message.RequestId, erased.Records, copies);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure {RequestId}: {Records} records pseudonymised, {Copies} rows held copies of them")]
    private partial void LogErased(Guid requestId, int records, int copies);
}
