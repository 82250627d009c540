using Crm.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Opportunities.Data.Configurations;

/// <summary>How an opportunity (<see cref="Opportunity"/>) is stored; columns are named by the snake-case convention.</summary>
internal sealed class OpportunityConfiguration : IEntityTypeConfiguration<Opportunity>
{
    public void Configure(EntityTypeBuilder<Opportunity> builder)
    {
        builder.ToTable("opportunities");
        builder.HasKey(o => o.OpportunityId);
        builder.Property(o => o.OpportunityId).ValueGeneratedNever();
        builder.Property(o => o.Position).ValueGeneratedOnAdd();
        builder.Property(o => o.Stage).HasConversion<string>();
        builder.Property(o => o.ForecastCategory).HasConversion<string>();
        builder.Property(o => o.ManagerCategory).HasConversion<string>();
        builder.Property(o => o.Source).HasConversion<string>();
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.Ignore(o => o.IsOpen);
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OpportunityId);
        builder.HasMany(o => o.StageChanges).WithOne().HasForeignKey(c => c.OpportunityId);
        builder.HasMany(o => o.TeamMembers).WithOne().HasForeignKey(m => m.OpportunityId);
    }
}
