using Crm.Messaging;
using Crm.Support.Domain;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Data;

/// <summary>The support database: cases and their interactions, the customers it knows, and the outbox of its events.</summary>
public sealed class SupportDbContext(DbContextOptions<SupportDbContext> options) : MessagingDbContext(options)
{
    public DbSet<SupportCase> Cases => Set<SupportCase>();

    public DbSet<Interaction> Interactions => Set<Interaction>();

    public DbSet<Customer> Customers => Set<Customer>();
}
