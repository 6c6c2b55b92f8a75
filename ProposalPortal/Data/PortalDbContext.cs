using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Data;

/// <summary>
/// The portal's database. Add a migration after changing the model:
/// <c>dotnet ef migrations add NAME --project ProposalPortal --output-dir Data/Migrations</c>
/// </summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : DbContext(options)
{
    public DbSet<Proposal> Proposals => Set<Proposal>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<WorkMeeting> WorkMeetings => Set<WorkMeeting>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or sort DateTimeOffset text; stored as a sortable integer instead.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
