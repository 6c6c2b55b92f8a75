using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProposalPortal.Domain.Notices;
using ProposalPortal.Domain.Organization;

namespace ProposalPortal.Data.Config;

internal sealed class NoticePreferencesConfiguration : IEntityTypeConfiguration<NoticePreferences>
{
    public void Configure(EntityTypeBuilder<NoticePreferences> builder)
    {
        builder.HasKey(p => p.StaffId);
        builder.Property(p => p.StaffId).ValueGeneratedNever();
        builder.Property(p => p.Email).HasMaxLength(NoticePreferences.EmailMaxLength);
        builder.Property(p => p.EmailMode).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<StaffMember>().WithOne().HasForeignKey<NoticePreferences>(p => p.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NoticeDeliveryConfiguration : IEntityTypeConfiguration<NoticeDelivery>
{
    public void Configure(EntityTypeBuilder<NoticeDelivery> builder)
    {
        builder.Property(d => d.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Target).HasMaxLength(GroupRobot.WebhookMaxLength).IsRequired();
        builder.Property(d => d.Subject).HasMaxLength(NoticeDelivery.SubjectMaxLength).IsRequired();
        builder.Property(d => d.Body).HasMaxLength(NoticeDelivery.BodyMaxLength).IsRequired();
        builder.Property(d => d.LastError).HasMaxLength(NoticeDelivery.ErrorMaxLength);
        builder.Ignore(d => d.IsSent);
        // The worker's question: what is due now.
        builder.HasIndex(d => d.NextAttemptAt);
        builder.HasOne<Notice>().WithMany().HasForeignKey(d => d.NoticeId).OnDelete(DeleteBehavior.Cascade);
    }
}
