using Crm.Contracts.Leads;
using Crm.Leads.Domain;
using Crm.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Leads.Data;

/// <summary>The leads database: campaigns, their costs and the leads, with the outbox of their events.</summary>
public sealed class LeadsDbContext(DbContextOptions<LeadsDbContext> options) : MessagingDbContext(options)
{
    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<CampaignCost> CampaignCosts => Set<CampaignCost>();

    public DbSet<Lead> Leads => Set<Lead>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Campaign>(MapCampaign);
        modelBuilder.Entity<CampaignCost>(MapCampaignCost);
        modelBuilder.Entity<Lead>(MapLead);
    }

    private static void MapCampaign(EntityTypeBuilder<Campaign> campaign)
    {
        campaign.ToTable("campaigns");
        campaign.HasKey(c => c.CampaignId);
        campaign.Property(c => c.CampaignId).HasColumnName("campaign_id").ValueGeneratedNever();
        campaign.Property(c => c.Position).HasColumnName("position").ValueGeneratedOnAdd();
        campaign.Property(c => c.Name).HasColumnName("name");
        campaign.Property(c => c.Type).HasColumnName("type").HasConversion<string>();
        campaign.Property(c => c.StartsOn).HasColumnName("starts_on");
        campaign.Property(c => c.EndsOn).HasColumnName("ends_on");
        campaign.Property(c => c.BudgetAmount).HasColumnName("budget_amount");
        campaign.Property(c => c.BudgetCurrency).HasColumnName("budget_currency");
        campaign.Property(c => c.CostCurrency).HasColumnName("cost_currency");
        campaign.Property(c => c.TotalCost).HasColumnName("total_cost");
        campaign.Property(c => c.Version).HasColumnName("version").IsConcurrencyToken();
        campaign.Property(c => c.LaunchedAt).HasColumnName("launched_at");
        campaign.Property(c => c.LaunchedBy).HasColumnName("launched_by");
        campaign.Ignore(c => c.Budget);
        campaign.Ignore(c => c.Total);
        campaign.Ignore(c => c.Source);
    }

    private static void MapCampaignCost(EntityTypeBuilder<CampaignCost> cost)
    {
        cost.ToTable("campaign_costs");
        cost.HasKey(c => c.CostId);
        cost.Property(c => c.CostId).HasColumnName("cost_id").ValueGeneratedNever();
        cost.Property(c => c.CampaignId).HasColumnName("campaign_id");
        cost.Property(c => c.Description).HasColumnName("description");
        cost.Property(c => c.Amount).HasColumnName("amount");
        cost.Property(c => c.Currency).HasColumnName("currency");
        cost.Property(c => c.IncurredOn).HasColumnName("incurred_on");
        cost.Property(c => c.RecordedAt).HasColumnName("recorded_at");
        cost.Property(c => c.RecordedBy).HasColumnName("recorded_by");
    }

    private static void MapLead(EntityTypeBuilder<Lead> lead)
    {
        lead.ToTable("leads");
        lead.HasKey(l => l.LeadId);
        lead.Property(l => l.LeadId).HasColumnName("lead_id").ValueGeneratedNever();
        lead.Property(l => l.Position).HasColumnName("position").ValueGeneratedOnAdd();
        lead.Property(l => l.Status).HasColumnName("status").HasConversion<string>();
        lead.Property(l => l.Source).HasColumnName("source").HasConversion<string>();
        lead.Property(l => l.CampaignId).HasColumnName("campaign_id");
        lead.Property(l => l.Company).HasColumnName("company").HasColumnType("jsonb")
            .HasConversion(v => JsonColumn.Write(v), v => JsonColumn.Read<CompanyDetails>(v));
        lead.Property(l => l.Contact).HasColumnName("contact").HasColumnType("jsonb")
            .HasConversion(v => JsonColumn.Write(v), v => JsonColumn.Read<ContactDetails>(v));
        lead.Property(l => l.EmailKey).HasColumnName("email_key");
        lead.Property(l => l.PhoneKey).HasColumnName("phone_key");
        lead.Property(l => l.Notes).HasColumnName("notes");
        lead.Property(l => l.Qualification).HasColumnName("qualification").HasColumnType("jsonb")
            .HasConversion(v => JsonColumn.Write(v), v => JsonColumn.Read<Qualification>(v));
        lead.Property(l => l.QualifiedBy).HasColumnName("qualified_by");
        lead.Property(l => l.DisqualificationReason).HasColumnName("disqualification_reason").HasConversion<string>();
        lead.Property(l => l.DisqualificationNote).HasColumnName("disqualification_note");
        lead.Property(l => l.OpportunityId).HasColumnName("opportunity_id");
        lead.Property(l => l.OpportunityOwnerId).HasColumnName("opportunity_owner_id");
        lead.Property(l => l.OpportunityName).HasColumnName("opportunity_name");
        lead.Property(l => l.ConvertedBy).HasColumnName("converted_by");
        lead.Property(l => l.ConvertedAt).HasColumnName("converted_at");
        lead.Property(l => l.CustomerId).HasColumnName("customer_id");
        lead.Property(l => l.CapturedAt).HasColumnName("captured_at");
        lead.Property(l => l.CapturedBy).HasColumnName("captured_by");
        lead.Property(l => l.UpdatedAt).HasColumnName("updated_at");
        lead.Property(l => l.Version).HasColumnName("version").IsConcurrencyToken();
    }
}
