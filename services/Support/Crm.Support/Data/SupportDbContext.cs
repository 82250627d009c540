using Crm.Messaging;
using Crm.Support.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Support.Data;

/// <summary>The support database: cases and their interactions, with the outbox of their events.</summary>
public sealed class SupportDbContext(DbContextOptions<SupportDbContext> options) : MessagingDbContext(options)
{
    public DbSet<SupportCase> Cases => Set<SupportCase>();

    public DbSet<Interaction> Interactions => Set<Interaction>();

    /// <summary>The case, locked until the transaction ends; null when there is none. Interactions are not loaded.</summary>
    public Task<SupportCase?> LockCaseAsync(Guid caseId, CancellationToken cancellationToken) =>
        Cases.FromSql($"SELECT * FROM cases WHERE id = {caseId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<SupportCase>(MapCase);
        modelBuilder.Entity<Interaction>(interaction =>
        {
            interaction.ToTable("interactions");
            interaction.HasKey(i => i.Id);
            interaction.Property(i => i.Id).HasColumnName("id").ValueGeneratedNever();
            interaction.Property(i => i.CaseId).HasColumnName("case_id");
            interaction.Property(i => i.CustomerId).HasColumnName("customer_id");
            interaction.Property(i => i.Channel).HasColumnName("channel").HasConversion<string>();
            interaction.Property(i => i.Summary).HasColumnName("summary");
            interaction.Property(i => i.LoggedBy).HasColumnName("logged_by");
            interaction.Property(i => i.Department).HasColumnName("department").HasConversion<string>();
            interaction.Property(i => i.OccurredAt).HasColumnName("occurred_at");
        });
    }

    private static void MapCase(EntityTypeBuilder<SupportCase> supportCase)
    {
        supportCase.ToTable("cases");
        supportCase.HasKey(c => c.Id);
        supportCase.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
        supportCase.Property(c => c.CustomerId).HasColumnName("customer_id");
        supportCase.Property(c => c.Kind).HasColumnName("kind").HasConversion<string>();
        supportCase.Property(c => c.Priority).HasColumnName("priority");
        supportCase.Property(c => c.Status).HasColumnName("status").HasConversion<string>();
        supportCase.Property(c => c.Subject).HasColumnName("subject");
        supportCase.Property(c => c.Description).HasColumnName("description");
        supportCase.Property(c => c.AssigneeId).HasColumnName("assignee_id");
        supportCase.Property(c => c.OpenedAt).HasColumnName("opened_at");
        supportCase.Property(c => c.RespondBy).HasColumnName("respond_by");
        supportCase.Property(c => c.ResolveBy).HasColumnName("resolve_by");
        supportCase.Property(c => c.RespondedAt).HasColumnName("responded_at");
        supportCase.Property(c => c.EscalationLevel).HasColumnName("escalation_level");
        supportCase.Property(c => c.Resolution).HasColumnName("resolution");
        supportCase.Property(c => c.ResolvedAt).HasColumnName("resolved_at");
        supportCase.Property(c => c.ResolvedBy).HasColumnName("resolved_by");
        supportCase.Property(c => c.ResponseBreachedAt).HasColumnName("response_breached_at");
        supportCase.Property(c => c.ResolutionBreachedAt).HasColumnName("resolution_breached_at");
        supportCase.Property(c => c.Version).HasColumnName("version").IsConcurrencyToken();
        supportCase.Ignore(c => c.IsResolved);
        supportCase.HasMany(c => c.Interactions).WithOne().HasForeignKey(i => i.CaseId);
    }
}
