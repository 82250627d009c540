using Crm.Contracts;
using Crm.Contracts.Leads;
using Crm.Leads.Domain;
using Crm.Messaging.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Leads.Data.Configurations;

/// <summary>How a lead (<see cref="Lead"/>) is stored; columns are named by the snake-case convention.</summary>
internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> builder)
    {
        builder.ToTable("leads");
        builder.HasKey(l => l.LeadId);
        builder.Property(l => l.LeadId).ValueGeneratedNever();
        builder.Property(l => l.Position).ValueGeneratedOnAdd();
        builder.Property(l => l.Status).HasConversion<string>();
        builder.Property(l => l.Source).HasConversion<string>();
        builder.Property(l => l.Company).HasColumnType("jsonb").HasConversion(JsonColumn.Converter<CompanyDetails>());
        builder.Property(l => l.Contact).HasColumnType("jsonb").HasConversion(JsonColumn.Converter<ContactDetails>());
        builder.Property(l => l.Qualification).HasColumnType("jsonb").HasConversion(JsonColumn.Converter<Qualification?>());
        builder.Property(l => l.DisqualificationReason).HasConversion<string>();
        builder.Property(l => l.Consents).HasColumnType("jsonb").HasConversion(JsonColumn.Converter<ChannelConsent[]>());
        builder.Property(l => l.ScoreContributions).HasColumnType("jsonb").HasConversion(JsonColumn.Converter<IReadOnlyList<ScoreContribution>>());
        builder.Property(l => l.Version).IsConcurrencyToken();
    }
}
