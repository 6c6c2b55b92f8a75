using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProposalPortal.Domain.Notices;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Data.Config;

internal sealed class DeadlineNoticeSentConfiguration : IEntityTypeConfiguration<DeadlineNoticeSent>
{
    public void Configure(EntityTypeBuilder<DeadlineNoticeSent> builder)
    {
        builder.Property(n => n.Threshold).HasConversion<string>().HasMaxLength(32);
        // The database itself refuses a second notice for the same crossing: two monitors racing cannot both send.
        builder.HasIndex(n => new { n.ProposalId, n.Threshold, n.Deadline }).IsUnique();
        builder.HasOne<Proposal>().WithMany().HasForeignKey(n => n.ProposalId).OnDelete(DeleteBehavior.Cascade);
    }
}
