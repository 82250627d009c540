using Crm.Leads.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Leads.Data.Configurations;

/// <summary>How a call task (<see cref="CallTask"/>) is stored.</summary>
internal sealed class CallTaskConfiguration : IEntityTypeConfiguration<CallTask>
{
    public void Configure(EntityTypeBuilder<CallTask> builder)
    {
        builder.ToTable("call_tasks");
        builder.HasKey(t => t.TaskId);
        builder.Property(t => t.TaskId).ValueGeneratedNever();
        builder.Property(t => t.Position).ValueGeneratedOnAdd();
    }
}
