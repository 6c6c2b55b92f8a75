using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;

namespace ProposalPortal.Data.Config;

internal sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(50).IsRequired();
        builder.HasIndex(s => s.Name).IsUnique();
        builder.Property(s => s.RobotWebhookUrl).HasMaxLength(ProposalPortal.Domain.Notices.GroupRobot.WebhookMaxLength);
    }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        builder.ToTable("Staff");
        builder.Property(s => s.Name).HasMaxLength(50).IsRequired();
        builder.Property(s => s.Title).HasMaxLength(50);
        builder.Property(s => s.Phone).HasMaxLength(30);
        builder.Property(s => s.Roles).HasConversion<int>();
        builder.Ignore(s => s.IsLeader);
    }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> builder)
    {
        builder.HasKey(d => d.Date);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Name).HasMaxLength(50);
    }
}

internal sealed class WorkMeetingConfiguration : IEntityTypeConfiguration<WorkMeeting>
{
    public void Configure(EntityTypeBuilder<WorkMeeting> builder)
    {
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(m => m.Subject).HasMaxLength(300).IsRequired();
        builder.HasIndex(m => m.Year);
    }
}

internal sealed class RuleSettingConfiguration : IEntityTypeConfiguration<ProposalPortal.Features.Administration.RuleSetting>
{
    public void Configure(EntityTypeBuilder<ProposalPortal.Features.Administration.RuleSetting> builder)
    {
        builder.ToTable("RuleSettings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(100);
        builder.Property(s => s.Value).HasMaxLength(100).IsRequired();
        builder.Property(s => s.ChangedByName).HasMaxLength(50).IsRequired();
    }
}
