using Crm.Leads.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Leads.Data.Configurations;

/// <summary>How an import's record (<see cref="LeadImport"/>) is stored, in <c>lead_imports</c> (migration 0005).</summary>
internal sealed class LeadImportConfiguration : IEntityTypeConfiguration<LeadImport>
{
    public void Configure(EntityTypeBuilder<LeadImport> builder)
    {
        builder.ToTable("lead_imports");
        builder.HasKey(i => i.ImportId);
        builder.Property(i => i.ImportId).ValueGeneratedNever();
        builder.Property(i => i.Position).ValueGeneratedOnAdd();
        builder.Property(i => i.Source).HasConversion<string>();
        builder.Property(i => i.Status).HasConversion<string>();
        builder.Ignore(i => i.Counts);
    }
}
