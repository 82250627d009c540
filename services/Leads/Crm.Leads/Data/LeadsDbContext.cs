using Crm.Leads.Domain;
using Crm.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Crm.Leads.Data;

/// <summary>The leads database: campaigns, their costs and the leads, with the outbox of their events.</summary>
public sealed class LeadsDbContext(DbContextOptions<LeadsDbContext> options) : MessagingDbContext(options)
{
    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<CampaignCost> CampaignCosts => Set<CampaignCost>();

    public DbSet<Lead> Leads => Set<Lead>();
}
