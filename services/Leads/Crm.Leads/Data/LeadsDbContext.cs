using Crm.Leads.Domain;
using Crm.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Crm.Leads.Data;

/// <summary>The leads database: campaigns, their costs, the leads, the imports of lead lists and drip marketing, with the outbox of their events.</summary>
public sealed class LeadsDbContext(DbContextOptions<LeadsDbContext> options) : MessagingDbContext(options)
{
    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<CampaignCost> CampaignCosts => Set<CampaignCost>();

    public DbSet<Lead> Leads => Set<Lead>();

    public DbSet<LeadImport> LeadImports => Set<LeadImport>();

    public DbSet<ImportRejection> ImportRejections => Set<ImportRejection>();

    public DbSet<Segment> Segments => Set<Segment>();

    public DbSet<Cadence> Cadences => Set<Cadence>();

    public DbSet<Enrollment> Enrollments => Set<Enrollment>();

    public DbSet<Touch> Touches => Set<Touch>();

    public DbSet<CallTask> CallTasks => Set<CallTask>();

    public DbSet<TouchDispatch> TouchDispatches => Set<TouchDispatch>();

    public DbSet<KnownContact> KnownContacts => Set<KnownContact>();

    public DbSet<KnownCustomer> KnownCustomers => Set<KnownCustomer>();
}
