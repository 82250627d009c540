using Crm.Messaging;
using Crm.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Crm.Opportunities.Data;

/// <summary>The opportunities database: the customer master, opportunities, activities and meetings, with the outbox.</summary>
internal sealed class OpportunitiesDbContext(DbContextOptions<OpportunitiesDbContext> options) : MessagingDbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<Opportunity> Opportunities => Set<Opportunity>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        MapAccount(modelBuilder);
        MapContact(modelBuilder);
        MapOpportunity(modelBuilder);
        MapOpportunityLineItem(modelBuilder);
        MapActivity(modelBuilder);
        MapMeeting(modelBuilder);
    }

    private static void MapAccount(ModelBuilder modelBuilder) => modelBuilder.Entity<Account>(account =>
    {
        account.ToTable("accounts");
        account.HasKey(a => a.CustomerId);
        account.Property(a => a.CustomerId).HasColumnName("customer_id").ValueGeneratedNever();
        account.Property(a => a.Name).HasColumnName("name");
        account.Property(a => a.NormalizedName).HasColumnName("normalized_name");
        account.Property(a => a.Industry).HasColumnName("industry");
        account.Property(a => a.Website).HasColumnName("website");
        account.Property(a => a.Street).HasColumnName("street");
        account.Property(a => a.City).HasColumnName("city");
        account.Property(a => a.Region).HasColumnName("region");
        account.Property(a => a.PostalCode).HasColumnName("postal_code");
        account.Property(a => a.Country).HasColumnName("country");
        account.Property(a => a.OwnerId).HasColumnName("owner_id");
        account.Property(a => a.CreatedAt).HasColumnName("created_at");
        account.Property(a => a.Version).HasColumnName("version").IsConcurrencyToken();
        account.HasMany(a => a.Contacts).WithOne().HasForeignKey(c => c.CustomerId);
    });

    private static void MapContact(ModelBuilder modelBuilder) => modelBuilder.Entity<Contact>(contact =>
    {
        contact.ToTable("contacts");
        contact.HasKey(c => c.ContactId);
        contact.Property(c => c.ContactId).HasColumnName("contact_id").ValueGeneratedNever();
        contact.Property(c => c.CustomerId).HasColumnName("customer_id");
        contact.Property(c => c.FirstName).HasColumnName("first_name");
        contact.Property(c => c.LastName).HasColumnName("last_name");
        contact.Property(c => c.Title).HasColumnName("title");
        contact.Property(c => c.Email).HasColumnName("email");
        contact.Property(c => c.NormalizedEmail).HasColumnName("normalized_email");
        contact.Property(c => c.Phone).HasColumnName("phone");
        contact.Property(c => c.NormalizedPhone).HasColumnName("normalized_phone");
        contact.Property(c => c.BuyingRole).HasColumnName("buying_role").HasConversion<string>();
        contact.Property(c => c.AddedAt).HasColumnName("added_at");
    });

    private static void MapOpportunity(ModelBuilder modelBuilder) => modelBuilder.Entity<Opportunity>(opportunity =>
    {
        opportunity.ToTable("opportunities");
        opportunity.HasKey(o => o.OpportunityId);
        opportunity.Property(o => o.OpportunityId).HasColumnName("opportunity_id").ValueGeneratedNever();
        opportunity.Property(o => o.CustomerId).HasColumnName("customer_id");
        opportunity.Property(o => o.Name).HasColumnName("name");
        opportunity.Property(o => o.Stage).HasColumnName("stage").HasConversion<string>();
        opportunity.Property(o => o.Probability).HasColumnName("probability");
        opportunity.Property(o => o.Amount).HasColumnName("amount");
        opportunity.Property(o => o.Currency).HasColumnName("currency");
        opportunity.Property(o => o.CloseDate).HasColumnName("close_date");
        opportunity.Property(o => o.ForecastCategory).HasColumnName("forecast_category").HasConversion<string>();
        opportunity.Property(o => o.OwnerId).HasColumnName("owner_id");
        opportunity.Property(o => o.LeadId).HasColumnName("lead_id");
        opportunity.Property(o => o.Source).HasColumnName("source").HasConversion<string>();
        opportunity.Property(o => o.CampaignId).HasColumnName("campaign_id");
        opportunity.Property(o => o.LossReason).HasColumnName("loss_reason");
        opportunity.Property(o => o.PurchaseOrderNumber).HasColumnName("purchase_order_number");
        opportunity.Property(o => o.OpenedAt).HasColumnName("opened_at");
        opportunity.Property(o => o.ClosedAt).HasColumnName("closed_at");
        opportunity.Property(o => o.Version).HasColumnName("version").IsConcurrencyToken();
        opportunity.Ignore(o => o.IsOpen);
        opportunity.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OpportunityId);
    });

    private static void MapOpportunityLineItem(ModelBuilder modelBuilder) => modelBuilder.Entity<OpportunityLineItem>(line =>
    {
        line.ToTable("opportunity_lines");
        line.HasKey(l => l.LineId);
        line.Property(l => l.LineId).HasColumnName("line_id").ValueGeneratedNever();
        line.Property(l => l.OpportunityId).HasColumnName("opportunity_id");
        line.Property(l => l.Position).HasColumnName("position");
        line.Property(l => l.ProductId).HasColumnName("product_id");
        line.Property(l => l.ProductName).HasColumnName("product_name");
        line.Property(l => l.Quantity).HasColumnName("quantity");
        line.Property(l => l.UnitPrice).HasColumnName("unit_price");
        line.Property(l => l.Currency).HasColumnName("currency");
    });

    private static void MapActivity(ModelBuilder modelBuilder) => modelBuilder.Entity<Activity>(activity =>
    {
        activity.ToTable("activities");
        activity.HasKey(a => a.ActivityId);
        activity.Property(a => a.ActivityId).HasColumnName("activity_id").ValueGeneratedNever();
        activity.Property(a => a.CustomerId).HasColumnName("customer_id");
        activity.Property(a => a.OpportunityId).HasColumnName("opportunity_id");
        activity.Property(a => a.Kind).HasColumnName("kind").HasConversion<string>();
        activity.Property(a => a.Subject).HasColumnName("subject");
        activity.Property(a => a.Notes).HasColumnName("notes");
        activity.Property(a => a.LoggedBy).HasColumnName("logged_by");
        activity.Property(a => a.Department).HasColumnName("department");
        activity.Property(a => a.OccurredAt).HasColumnName("occurred_at");
        activity.Property(a => a.LoggedAt).HasColumnName("logged_at");
    });

    private static void MapMeeting(ModelBuilder modelBuilder) => modelBuilder.Entity<Meeting>(meeting =>
    {
        meeting.ToTable("meetings");
        meeting.HasKey(m => m.MeetingId);
        meeting.Property(m => m.MeetingId).HasColumnName("meeting_id").ValueGeneratedNever();
        meeting.Property(m => m.CustomerId).HasColumnName("customer_id");
        meeting.Property(m => m.OpportunityId).HasColumnName("opportunity_id");
        meeting.Property(m => m.Subject).HasColumnName("subject");
        meeting.Property(m => m.StartsAt).HasColumnName("starts_at");
        meeting.Property(m => m.EndsAt).HasColumnName("ends_at");
        meeting.Property(m => m.AttendeeContactIds).HasColumnName("attendee_contact_ids");
        meeting.Property(m => m.OrganizerId).HasColumnName("organizer_id");
        meeting.Property(m => m.Postponed).HasColumnName("postponed");
        meeting.Property(m => m.PostponeReason).HasColumnName("postpone_reason");
        meeting.Property(m => m.Version).HasColumnName("version").IsConcurrencyToken();
    });
}
