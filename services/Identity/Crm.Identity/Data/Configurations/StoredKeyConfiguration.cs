using Crm.Identity.SigningKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Identity.Data.Configurations;

internal sealed class StoredKeyConfiguration : IEntityTypeConfiguration<StoredKey>
{
    public void Configure(EntityTypeBuilder<StoredKey> builder)
    {
        builder.ToTable("keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Purpose).HasConversion<string>();
    }
}
