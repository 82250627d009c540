using Crm.Leads.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Leads.Data.Configurations;

/// <summary>How a rejected row (<see cref="ImportRejection"/>) is stored, in <c>lead_import_rejections</c> (migration 0005).</summary>
internal sealed class ImportRejectionConfiguration : IEntityTypeConfiguration<ImportRejection>
{
    public void Configure(EntityTypeBuilder<ImportRejection> builder)
    {
        builder.ToTable("lead_import_rejections");
        builder.HasKey(r => new { r.ImportId, r.Line });
    }
}
