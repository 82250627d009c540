using Crm.Leads.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Leads.Data.Configurations;

/// <summary>How the mail room's record of a sent letter or fax (<see cref="TouchDispatch"/>) is stored.</summary>
internal sealed class TouchDispatchConfiguration : IEntityTypeConfiguration<TouchDispatch>
{
    public void Configure(EntityTypeBuilder<TouchDispatch> builder)
    {
        builder.ToTable("touch_dispatches");
        builder.HasKey(d => d.TouchId);
        builder.Property(d => d.TouchId).ValueGeneratedNever();
        builder.Property(d => d.DispatchedAt);
        builder.Property(d => d.DispatchedBy);
    }
}
