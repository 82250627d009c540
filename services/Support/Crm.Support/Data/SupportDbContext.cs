using Crm.Messaging;
using Crm.Support.Domain;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Data;

/// <summary>The support database: cases and their interactions, with the outbox of their events.</summary>
public sealed class SupportDbContext(DbContextOptions<SupportDbContext> options) : MessagingDbContext(options)
{
    public DbSet<SupportCase> Cases => Set<SupportCase>();

    public DbSet<Interaction> Interactions => Set<Interaction>();

    /// <summary>The case, locked until the transaction ends; null when there is none. Interactions are not loaded.</summary>
    public Task<SupportCase?> LockCaseAsync(Guid caseId, CancellationToken cancellationToken) =>
        Cases.FromSql($"SELECT * FROM cases WHERE id = {caseId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
}
