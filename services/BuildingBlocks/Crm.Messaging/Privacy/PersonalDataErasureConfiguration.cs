using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Messaging.Privacy;

internal sealed class PersonalDataErasureConfiguration : IEntityTypeConfiguration<PersonalDataErasure>
{
    public void Configure(EntityTypeBuilder<PersonalDataErasure> builder)
    {
        builder.ToTable("personal_data_erasures");
        builder.HasKey(e => e.RequestId);
    }
}
