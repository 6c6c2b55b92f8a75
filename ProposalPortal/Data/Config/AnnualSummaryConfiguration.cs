using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProposalPortal.Domain.Summaries;

namespace ProposalPortal.Data.Config;

internal sealed class AnnualSummaryConfiguration : IEntityTypeConfiguration<AnnualSummary>
{
    public void Configure(EntityTypeBuilder<AnnualSummary> builder)
    {
        builder.HasIndex(s => s.Year).IsUnique();
        builder.Property(s => s.UpdatedBy).HasMaxLength(100).IsRequired();
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.Prose);
    }
}
