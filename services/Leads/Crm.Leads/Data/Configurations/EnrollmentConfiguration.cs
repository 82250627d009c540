using Crm.Leads.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Leads.Data.Configurations;

/// <summary>How a person's way through a cadence (<see cref="Enrollment"/>) is stored.</summary>
internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> builder)
    {
        builder.ToTable("cadence_enrollments");
        builder.HasKey(e => new { e.CadenceId, e.MemberId });
        builder.Property(e => e.Status).HasConversion<string>();
        builder.Property(e => e.Member).HasConversion<string>();
    }
}
