using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProposalPortal.Features.Administration.Audit;

namespace ProposalPortal.Data.Config;

/// <summary>The column both audit trails carry for their hash chain (<see cref="AuditChain"/>).</summary>
internal static class AuditChainColumns
{
    public const string Hash = "Hash";
}

internal sealed class AdminAuditEntryConfiguration : IEntityTypeConfiguration<AdminAuditEntry>
{
    public void Configure(EntityTypeBuilder<AdminAuditEntry> builder)
    {
        builder.Property(a => a.ActorName).HasMaxLength(AdminAuditEntry.ActorNameMaxLength).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(AdminAuditEntry.ActionMaxLength).IsRequired();
        builder.Property(a => a.Target).HasMaxLength(AdminAuditEntry.TargetMaxLength).IsRequired();
        builder.Property(a => a.Before).HasMaxLength(AdminAuditEntry.ValueMaxLength);
        builder.Property(a => a.After).HasMaxLength(AdminAuditEntry.ValueMaxLength);
        builder.Property<string>(AuditChainColumns.Hash).HasMaxLength(64);
        builder.HasIndex(a => a.At);
    }
}
