using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Account;

namespace ProposalPortal.Data;

/// <summary>
/// The portal's database. Add a migration after changing the model:
/// <c>dotnet ef migrations add NAME --project ProposalPortal --output-dir Data/Migrations</c>
/// </summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<PortalUser>(options)
{
    public DbSet<Proposal> Proposals => Set<Proposal>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ReplyDocument> ReplyDocuments => Set<ReplyDocument>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<WorkMeeting> WorkMeetings => Set<WorkMeeting>();
    public DbSet<Domain.Summaries.AnnualSummary> AnnualSummaries => Set<Domain.Summaries.AnnualSummary>();
    public DbSet<Domain.Notices.Notice> Notices => Set<Domain.Notices.Notice>();
    public DbSet<Domain.Notices.DeadlineNoticeSent> DeadlineNoticesSent => Set<Domain.Notices.DeadlineNoticeSent>();
    public DbSet<Features.Publication.EvaluationInvitation> EvaluationInvitations => Set<Features.Publication.EvaluationInvitation>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        builder.Entity<PortalUser>().HasIndex(u => u.StaffMemberId).IsUnique();
    }

    /// <summary>Every save passes <see cref="SavedTextCheck"/> first; a refusal writes nothing.</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseBadText();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseBadText();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    private void RefuseBadText()
    {
        if (SavedTextCheck.WhyNot(ChangeTracker) is { } why)
        {
            throw new TextRefusedException(why);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or sort DateTimeOffset text; stored as a sortable integer instead.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
