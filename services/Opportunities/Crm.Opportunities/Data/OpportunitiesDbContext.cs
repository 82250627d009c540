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
}
