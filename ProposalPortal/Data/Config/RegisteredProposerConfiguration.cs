using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProposalPortal.Domain.Proposers;

namespace ProposalPortal.Data.Config;

internal sealed class RegisteredProposerConfiguration : IEntityTypeConfiguration<RegisteredProposer>
{
    public void Configure(EntityTypeBuilder<RegisteredProposer> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(ProposerDetails.NameMaxLength).IsRequired();
        builder.Property(p => p.Body).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Term).HasMaxLength(ProposerDetails.ShortMaxLength);
        builder.Property(p => p.Group).HasMaxLength(ProposerDetails.ShortMaxLength);
        builder.Property(p => p.Unit).HasMaxLength(ProposerDetails.LongMaxLength);
        builder.Property(p => p.Mobile).HasMaxLength(ProposerDetails.ShortMaxLength);
        builder.Property(p => p.OfficePhone).HasMaxLength(ProposerDetails.ShortMaxLength);
        builder.Property(p => p.Address).HasMaxLength(ProposerDetails.LongMaxLength);
        builder.Property(p => p.Email).HasMaxLength(ProposerDetails.LongMaxLength);
        builder.Ignore(p => p.Details);
        // Registration and import match names within a body.
        builder.HasIndex(p => new { p.Name, p.Body });
    }
}
