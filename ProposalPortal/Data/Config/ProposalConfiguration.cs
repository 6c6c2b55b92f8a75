using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Data.Config;

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> builder)
    {
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Level).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(24);
        builder.Property(p => p.DeadlineRule).HasConversion<string>().HasMaxLength(24);
        builder.Property(p => p.Session).HasMaxLength(64).IsRequired();
        builder.Property(p => p.Title).HasMaxLength(300).IsRequired();
        builder.Property(p => p.LeadUnit).HasMaxLength(200);
        builder.Property(p => p.CoUnits).HasMaxLength(500);
        builder.Property(p => p.KeyDesignation).HasMaxLength(100);
        builder.Property(p => p.DeadlineExplanation).HasMaxLength(1000);
        builder.Property(p => p.Version).IsConcurrencyToken();
        // Who acts next, as text like the state; 我的待办 filters on it.
        builder.Property(p => p.WaitingForRole).HasConversion<string>().HasMaxLength(16);
        builder.Ignore(p => p.WaitingFor);
        builder.Ignore(p => p.DomainEvents);
        // A page of 我的待办 in its order straight from the index, and its count from the index alone, however many wait:
        // who (role, section), then the order (DeadlineStanding as its number, Deadline, Id); IsKey for the delegate's filter.
        builder.HasIndex(p => new { p.WaitingForRole, p.WaitingForSectionId, p.DeadlineStanding, p.Deadline, p.Id, p.IsKey })
            .HasDatabaseName("IX_Proposals_MyWork");

        builder.OwnsOne(p => p.Responsibility, r =>
        {
            r.Property(x => x.LeaderId).HasColumnName("LeaderId");
            r.Property(x => x.SectionId).HasColumnName("SectionId");
            r.Property(x => x.HandlerId).HasColumnName("HandlerId");
            r.Property(x => x.QualityNote).HasColumnName("QualityNote").HasMaxLength(500);
            r.HasIndex(x => x.SectionId);
        });

        // Numbers are unique within a session (第199号 of 市政协十届一次会议); the import relies on it.
        builder.HasIndex(p => new { p.Session, p.Number }).IsUnique();
        // Year + State + Deadline answers the list's commonest filter in deadline order without a sort; Year + Title
        // lets the free-text count scan narrow index pages instead of whole rows (no index can seek a substring).
        // The covering index of the year's statistics facts includes the owned SectionId column, so it is created
        // by raw SQL in the migration CoveringIndexesForListsAndFigures.
        builder.HasIndex(p => new { p.Year, p.State, p.Deadline });
        builder.HasIndex(p => new { p.Year, p.Title });
        builder.HasIndex(p => new { p.Year, p.Deadline });
        builder.HasIndex(p => p.Deadline);

        builder.HasMany(p => p.Proposers).WithOne().HasForeignKey("ProposalId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Topics).WithOne().HasForeignKey("ProposalId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Communications).WithOne().HasForeignKey("ProposalId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Replies).WithOne().HasForeignKey("ProposalId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Commitments).WithOne().HasForeignKey("ProposalId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Evaluations).WithOne().HasForeignKey("ProposalId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Extensions).WithOne().HasForeignKey("ProposalId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Attachments).WithOne().HasForeignKey("ProposalId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Chases).WithOne().HasForeignKey("ProposalId").OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.JointGroupId);
        builder.HasMany(p => p.AuditTrail).WithOne().HasForeignKey(a => a.ProposalId).OnDelete(DeleteBehavior.Restrict);

        foreach (var navigation in new[] { nameof(Proposal.Proposers), nameof(Proposal.Topics), nameof(Proposal.Communications),
                     nameof(Proposal.Replies), nameof(Proposal.Commitments), nameof(Proposal.Evaluations),
                     nameof(Proposal.Extensions), nameof(Proposal.AuditTrail), nameof(Proposal.Attachments), nameof(Proposal.Chases) })
        {
            builder.Navigation(navigation).UsePropertyAccessMode(PropertyAccessMode.Field);
        }

        builder.Ignore(p => p.LeadProposer);
        builder.Ignore(p => p.CurrentReply);
        builder.Ignore(p => p.FirstEvaluation);
        builder.Ignore(p => p.FinalEvaluation);
        builder.Ignore(p => p.ClosingNote);
        builder.Ignore(p => p.HasFaceToFaceCommunication);
        builder.Ignore(p => p.SourceName);
        builder.Ignore(p => p.Designation);
        builder.Ignore(p => p.IsDeadlineStepDone);
    }
}

internal sealed class ProposerConfiguration : IEntityTypeConfiguration<Proposer>
{
    public void Configure(EntityTypeBuilder<Proposer> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(50).IsRequired();
        builder.Property(p => p.Phone).HasMaxLength(30);
        builder.Property(p => p.Unit).HasMaxLength(200);
        builder.Property(p => p.Group).HasMaxLength(100);
        builder.HasIndex(p => p.Name);
        // Covers the lead-proposer subquery of every list row and the name search.
        builder.HasIndex("ProposalId", nameof(Proposer.Order), nameof(Proposer.Name));
        // The registry entry may go (merged into another, which first takes its lines); the line stays as registered.
        builder.HasOne<Domain.Proposers.RegisteredProposer>().WithMany().HasForeignKey(p => p.RegistryId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ProposalTopicConfiguration : IEntityTypeConfiguration<ProposalTopic>
{
    public void Configure(EntityTypeBuilder<ProposalTopic> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(50).IsRequired();
        builder.HasIndex(t => t.Name);
        builder.HasIndex("ProposalId", nameof(ProposalTopic.Name));
    }
}

internal sealed class CommunicationConfiguration : IEntityTypeConfiguration<Communication>
{
    public void Configure(EntityTypeBuilder<Communication> builder)
    {
        builder.Property(c => c.Stage).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Method).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Participants).HasMaxLength(300);
        builder.Property(c => c.Summary).HasMaxLength(4000);
        builder.Ignore(c => c.IsFaceToFace);
        builder.HasIndex("ProposalId", nameof(Communication.Method));
    }
}

internal sealed class ReplyConfiguration : IEntityTypeConfiguration<Reply>
{
    public void Configure(EntityTypeBuilder<Reply> builder)
    {
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Category).HasConversion<string>().HasMaxLength(4);
        builder.Property(r => r.Disclosure).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.DisclosureReason).HasMaxLength(500);
        builder.Property(r => r.ContactLines).HasMaxLength(1000);
        builder.Property(r => r.CcList).HasMaxLength(500);
        builder.Property(r => r.PublicSummary).HasMaxLength(4000);
        builder.Property(r => r.DocumentNumber).HasMaxLength(50);
        // A document number is issued once a year: the database refuses a repeat even when two sign-offs race.
        builder.HasIndex(r => new { r.DocumentYear, r.DocumentSerial }).IsUnique();
        // Covers the statistics' "latest signed letter" subquery without reading the reply text; Round before SignedAt
        // so that the index delivers the newest round first instead of sorting.
        builder.HasIndex("ProposalId", nameof(Reply.Kind), nameof(Reply.Round), nameof(Reply.SignedAt), nameof(Reply.Category), nameof(Reply.PublishedAt));
        // The public list reads published letters newest first.
        builder.HasIndex(nameof(Reply.PublishedAt), nameof(Reply.Kind));
        builder.Ignore(r => r.IsSigned);
        builder.Ignore(r => r.IsPublished);
        builder.HasMany(r => r.Versions).WithOne().HasForeignKey(v => v.ReplyId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DraftVersionConfiguration : IEntityTypeConfiguration<DraftVersion>
{
    public void Configure(EntityTypeBuilder<DraftVersion> builder)
    {
        // Numbered per reply: two saves cannot both become version n.
        builder.HasIndex(v => new { v.ReplyId, v.Number }).IsUnique();
        builder.Property(v => v.Category).HasConversion<string>().HasMaxLength(4);
        builder.Property(v => v.WordFile).HasMaxLength(200);
    }
}

internal sealed class ApprovalFormConfiguration : IEntityTypeConfiguration<ApprovalForm>
{
    public void Configure(EntityTypeBuilder<ApprovalForm> builder)
    {
        builder.HasOne<Proposal>().WithMany().HasForeignKey(f => f.ProposalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Reply>().WithMany().HasForeignKey(f => f.ReplyId).OnDelete(DeleteBehavior.Restrict);
        // One per letter version, filed in the sign-off's save.
        builder.HasIndex(f => new { f.ProposalId, f.LetterVersion }).IsUnique();
        builder.Property(f => f.Content).IsRequired();
        builder.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
    }
}

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> builder)
    {
        builder.Property(c => c.Description).HasMaxLength(1000).IsRequired();
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.OwnerName).HasMaxLength(50);
        builder.Property(c => c.Progress).HasMaxLength(2000);
        builder.Property(c => c.Evidence).HasMaxLength(2000);
        builder.HasIndex(c => new { c.Status, c.DueOn });
    }
}

internal sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> builder)
    {
        builder.Property(e => e.Satisfaction).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.Comment).HasMaxLength(2000);
        builder.Property(e => e.Attitude).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.Substance).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.FollowThrough).HasConversion<string>().HasMaxLength(24);
        builder.HasIndex("ProposalId", nameof(Evaluation.Round), nameof(Evaluation.RecordedAt), nameof(Evaluation.Satisfaction));
    }
}

internal sealed class DeadlineExtensionConfiguration : IEntityTypeConfiguration<DeadlineExtension>
{
    public void Configure(EntityTypeBuilder<DeadlineExtension> builder) =>
        builder.Property(e => e.Reason).HasMaxLength(500).IsRequired();
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        // As text: the stored names are what the audit chain hashed (AuditAction).
        builder.Property(a => a.Action).HasConversion<string>().HasMaxLength(40).IsRequired();
        builder.Property(a => a.ActorName).HasMaxLength(50).IsRequired();
        builder.Property(a => a.FromState).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.ToState).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.Comment).HasMaxLength(2000);
        builder.HasIndex(a => a.At);
        // Written only by AuditChain, never by the domain: a shadow property.
        builder.Property<string>(AuditChainColumns.Hash).HasMaxLength(64);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.Property(a => a.FileName).HasMaxLength(255).IsRequired();
        builder.Property(a => a.ContentType).HasMaxLength(100).IsRequired();
        builder.Property(a => a.StoredName).HasMaxLength(64).IsRequired();
        builder.HasIndex(a => a.StoredName).IsUnique();
    }
}

internal sealed class ChaseRecordConfiguration : IEntityTypeConfiguration<ChaseRecord>
{
    public void Configure(EntityTypeBuilder<ChaseRecord> builder)
    {
        builder.ToTable("Chases");
        builder.Property(c => c.ChasedByName).HasMaxLength(50).IsRequired();
        builder.Property(c => c.Message).HasMaxLength(1000).IsRequired();
    }
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<ProposalPortal.Domain.Notices.Notice>
{
    public void Configure(EntityTypeBuilder<ProposalPortal.Domain.Notices.Notice> builder)
    {
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Text).HasMaxLength(1000).IsRequired();
        builder.HasIndex(n => new { n.RecipientId, n.ReadAt });
        // The outbox worker's to-do list: the notices not yet relayed to their channels.
        builder.HasIndex(n => n.RelayedAt);
        builder.Ignore(n => n.IsRead);
    }
}

internal sealed class EvaluationInvitationConfiguration : IEntityTypeConfiguration<Features.Publication.EvaluationInvitation>
{
    public void Configure(EntityTypeBuilder<Features.Publication.EvaluationInvitation> builder)
    {
        builder.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        builder.Property(i => i.ProtectedToken).HasMaxLength(1000).IsRequired();
        builder.HasIndex(i => i.TokenHash).IsUnique();
        // One link per proposer and reply.
        builder.HasIndex(i => new { i.ReplyId, i.ProposerId }).IsUnique();
        builder.HasOne<Proposal>().WithMany().HasForeignKey(i => i.ProposalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Reply>().WithMany().HasForeignKey(i => i.ReplyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReplyDocumentConfiguration : IEntityTypeConfiguration<ReplyDocument>
{
    public void Configure(EntityTypeBuilder<ReplyDocument> builder)
    {
        builder.HasOne<Proposal>().WithMany().HasForeignKey(d => d.ProposalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Reply>().WithMany().HasForeignKey(d => d.ReplyId).OnDelete(DeleteBehavior.Restrict);
        // Versions run per item; two sign-offs of the same item cannot both become version n.
        builder.HasIndex(d => new { d.ProposalId, d.Version }).IsUnique();
        builder.Property(d => d.DocumentNumber).HasMaxLength(50);
        builder.Property(d => d.FileName).HasMaxLength(200).IsRequired();
        builder.Property(d => d.Content).IsRequired();
        builder.Property(d => d.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(d => d.SignerName).HasMaxLength(50).IsRequired();
        builder.Property(d => d.CertificateSubject).HasMaxLength(500).IsRequired();
        builder.Property(d => d.CertificateThumbprint).HasMaxLength(128).IsRequired();
    }
}
