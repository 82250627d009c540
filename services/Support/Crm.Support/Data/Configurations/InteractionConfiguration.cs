using Crm.Support.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Support.Data.Configurations;

/// <summary>How an interaction (<see cref="Interaction"/>) is stored; columns are named by the snake-case convention.</summary>
internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> builder)
    {
        builder.ToTable("interactions");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Channel).HasConversion<string>();
        builder.Property(i => i.Department).HasConversion<string>();
        builder.Property(i => i.Outcome).HasConversion<string>();
    }
}
