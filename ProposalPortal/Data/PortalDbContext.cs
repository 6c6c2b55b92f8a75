using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Data;

/// <summary>
/// The portal's database. Add a migration after changing the model:
/// <c>dotnet ef migrations add NAME --project ProposalPortal --output-dir Data/Migrations</c>, and the same for
/// PostgreSQL (<see cref="PostgreSqlPortalDbContext"/>). This type is the SQLite context; PostgreSQL's derives from it.
/// </summary>
public class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<PortalUser>(options),
    Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>The data-protection key ring when several nodes share it (<c>ConnectionStrings:Redis</c> set); empty otherwise.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public DbSet<Proposal> Proposals => Set<Proposal>();
    public DbSet<Domain.Proposers.RegisteredProposer> RegisteredProposers => Set<Domain.Proposers.RegisteredProposer>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ReplyDocument> ReplyDocuments => Set<ReplyDocument>();
    public DbSet<DraftVersion> DraftVersions => Set<DraftVersion>();
    public DbSet<ApprovalForm> ApprovalForms => Set<ApprovalForm>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<WorkMeeting> WorkMeetings => Set<WorkMeeting>();
    public DbSet<Domain.Summaries.AnnualSummary> AnnualSummaries => Set<Domain.Summaries.AnnualSummary>();
    public DbSet<Domain.Notices.Notice> Notices => Set<Domain.Notices.Notice>();
    public DbSet<Domain.Notices.DeadlineNoticeSent> DeadlineNoticesSent => Set<Domain.Notices.DeadlineNoticeSent>();
    public DbSet<Domain.Notices.NoticePreferences> NoticePreferences => Set<Domain.Notices.NoticePreferences>();
    public DbSet<Domain.Notices.NoticeDelivery> NoticeDeliveries => Set<Domain.Notices.NoticeDelivery>();
    public DbSet<Features.Publication.EvaluationInvitation> EvaluationInvitations => Set<Features.Publication.EvaluationInvitation>();
    public DbSet<Features.Administration.Audit.AdminAuditEntry> AdminAuditEntries => Set<Features.Administration.Audit.AdminAuditEntry>();

    /// <summary>
    /// Saves, and seals any new audit entries (<see cref="AuditChain"/>) in the same transaction. The transaction is
    /// opened before the insert, and the insert takes SQLite's one write lock, so the last hash the seal reads is still
    /// the last one at the commit: concurrent writers queue and each extends the one chain. Every save passes
    /// <see cref="SavedTextCheck"/> first; a refusal writes nothing.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseBadText();
        var chained = ChainedBySave();
        if (chained.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is { } outer)
        {
            // The caller's transaction: sealed now, committed (or rolled back) with the rest of their work.
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            Seal(outer, chained);
            return saved;
        }

        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        int count;
        using (SignOffTrace.Phase("db: insert"))
        {
            count = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
        }

        using (SignOffTrace.Phase("db: seal"))
        {
            Seal(transaction, chained);
        }

        using (SignOffTrace.Phase("db: commit"))
        {
            await transaction.CommitAsync(cancellationToken);
        }

        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }

        return count;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseBadText();
        var chained = ChainedBySave();
        if (chained.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        if (Database.CurrentTransaction is { } outer)
        {
            var saved = base.SaveChanges(acceptAllChangesOnSuccess);
            Seal(outer, chained);
            return saved;
        }

        using var transaction = Database.BeginTransaction();
        var count = base.SaveChanges(acceptAllChangesOnSuccess: false);
        Seal(transaction, chained);
        transaction.Commit();
        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }

        return count;
    }

    /// <summary>
    /// The audit tables whose new rows this save must seal. On PostgreSQL none: a trigger seals each row as it is
    /// inserted (Data/Migrations/PostgreSql, AuditChainTriggers), under a lock that also orders the ids.
    /// </summary>
    private List<ChainedTable> ChainedBySave()
    {
        if (this.IsPostgreSql())
        {
            return [];
        }

        var added = ChangeTracker.Entries().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        return
        [
            .. added.Any(e => e is AuditEntry) ? [AuditChain.ItemAudit] : Array.Empty<ChainedTable>(),
            .. added.Any(e => e is Features.Administration.Audit.AdminAuditEntry) ? [AuditChain.AdminAudit] : Array.Empty<ChainedTable>(),
        ];
    }

    private void Seal(IDbContextTransaction transaction, IEnumerable<ChainedTable> tables)
    {
        foreach (var table in tables)
        {
            AuditChain.Seal(Database.GetDbConnection(), transaction.GetDbTransaction(), table);
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        builder.Entity<PortalUser>().HasIndex(u => u.StaffMemberId).IsUnique();
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
        // SQLite cannot compare or sort DateTimeOffset text; stored as a sortable integer instead. PostgreSQL keeps the
        // same integers (not timestamptz): the audit hashes cover the stored values, and a copied database must hash alike.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
