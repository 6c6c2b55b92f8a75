using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using ProposalPortal.Data.Demo;
using ProposalPortal.Data.Seed;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Letters;

namespace ProposalPortal.Data;

/// <summary>
/// Brings the database to the current schema at start-up (EF Core migrations, never EnsureCreated), switches SQLite to
/// WAL, loads the shipped holiday calendars for years the administrator has not entered, and loads the demo data into
/// a new, empty database when <c>Demo:Enabled</c> is true, with the signed letters of its replies. Later starts keep the
/// data. Every start reissues letters that still print a personal evaluation link (<see cref="LegacyLetters"/>).
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<PortalDbContext> dbFactory,
    PortalClock clock,
    IOptions<DeadlineOptions> deadlineOptions,
    IOptions<WorkflowOptions> workflowOptions,
    IOptions<PortalOptions> portalOptions,
    IOptions<DemoOptions> demoOptions,
    IServiceScopeFactory scopes,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var postgres = db.IsPostgreSql();
        if (!postgres)
        {
            EnsureDataFolder(db.Database.GetConnectionString());
            // A database from before the migrations were squashed: same schema, old ids in its history (SQLite only:
            // PostgreSQL support came after the squash).
            await PreSquashHistory.RewriteAsync(db, logger, cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (!postgres)
        {
            // WAL lets the boards read while a clerk writes; the setting is kept in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await SealAuditTrailsAsync(db, cancellationToken);

        await SeedShippedHolidaysAsync(db, cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        // Several nodes keep the data-protection keys in the database: a single server's keys are copied in before use.
        if (scope.ServiceProvider.GetService<ProposalPortal.Features.Nodes.DatabaseKeyImport>() is { } keys)
        {
            await keys.ImportAsync(db, cancellationToken);
        }

        if (demoOptions.Value.Enabled && !await db.Proposals.AnyAsync(cancellationToken) && !await db.Staff.AnyAsync(cancellationToken))
        {
            logger.LogInformation("新数据库：正在载入演示数据（2021年、2022年及本年度）……");
            var demo = new DemoData(db, deadlineOptions.Value, workflowOptions.Value, portalOptions.Value.ReplyNumberPrefix, clock.Zone);
            // Every signed-off demo reply gets its stored letter, signed now with the portal's certificate (on a demo
            // server the development certificate), so that the public page, the API and the item page can offer it.
            var letters = scope.ServiceProvider.GetRequiredService<ReplyLetterService>();
            var unusable = scope.ServiceProvider.GetRequiredService<LetterSigner>().WhyNotReady();
            if (unusable is not null)
            {
                logger.LogWarning("签章证书无法使用，演示数据的答复函未签章：{Reason}", unusable);
            }

            await demo.SeedAsync(clock.Now,
                unusable is null ? (proposal, reply, director) => letters.Sign(proposal, reply, director.Id, director.Name, version: 1) : null,
                cancellationToken);
        }

        // Accounts need the staff above; the seeder does nothing once any account exists.
        await scope.ServiceProvider.GetRequiredService<AccountSeeder>().SeedAsync(demoOptions.Value.Enabled, cancellationToken);

        // Letters signed by the earlier layout printed a proposer's personal link: sign them again without it.
        await scope.ServiceProvider.GetRequiredService<LegacyLetters>().ReissueAsync(cancellationToken);
    }

    /// <summary>
    /// Entries written before the trails were chained (an upgrade) get their hashes here, in id order, so the result
    /// is the same on every machine; afterwards each save seals its own. One write transaction per trail.
    /// </summary>
    private async Task SealAuditTrailsAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        foreach (var table in AuditChain.Tables)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var count = AuditChain.Seal(db.Database.GetDbConnection(), transaction.GetDbTransaction(), table);
            await transaction.CommitAsync(cancellationToken);
            if (count > 0 && logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("已为{Trail}中此前的{Count}条记录补算哈希链", table.Label, count);
            }
        }
    }

    private static async Task SeedShippedHolidaysAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        // A year the administrator has entered (or edited) is theirs: only years with no entries at all are filled.
        var shipped = ShippedHolidays.Load();
        var present = (await db.CalendarDays.Select(d => d.Date).ToListAsync(cancellationToken)).Select(d => d.Year).ToHashSet();
        var missing = shipped.Where(d => !present.Contains(d.Date.Year)).ToList();
        if (missing.Count > 0)
        {
            db.CalendarDays.AddRange(missing);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static void EnsureDataFolder(string? connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
