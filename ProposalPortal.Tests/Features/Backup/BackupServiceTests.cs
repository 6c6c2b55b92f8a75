using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Administration.Audit;
using ProposalPortal.Features.Backup;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Proposals.Attachments;
using ProposalPortal.Features.Publication;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Tests.Features.Letters;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Backup;

/// <summary>
/// A portal with items of 2022 and of this year in every stage (a <see cref="TestSupport.Scenario"/>), one letter signed
/// today, an attachment and evaluation links, and one backup of it taken at the start: what the restore tests put back.
/// </summary>
public sealed class BackedUpPortal : IAsyncLifetime
{
    public TestPortal Portal { get; private set; } = null!;
    public Scenario Scenario { get; private set; } = null!;
    public string BackupFile { get; private set; } = null!;
    public BackupResult Backup { get; private set; } = null!;
    public int SignedItem { get; private set; }
    public byte[] Letter { get; private set; } = null!;
    public string LeadLink { get; private set; } = null!;
    public int AttachmentId { get; private set; }
    public static readonly byte[] AttachmentBytes = Encoding.UTF8.GetBytes("办理情况说明：已完成现场调研。");
    public Dictionary<int, string> Figures { get; } = [];

    public async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        Scenario = await Scenario.CreateAsync(Portal);
        var in2022 = Portal.Clock.Today.DayNumber - new DateOnly(2022, 3, 21).DayNumber;
        await Scenario.SignedItemAsync(ProposalState.Closed, daysAgo: in2022, published: true);
        await Scenario.ItemAsync(ProposalState.Closed, daysAgo: in2022);
        await Scenario.AssistingItemAsync(ProposalState.Closed, daysAgo: in2022);
        await Scenario.ItemAsync(ProposalState.InProgress);
        await Scenario.ItemAsync(ProposalState.Evaluated);
        await Scenario.AssistingItemAsync(ProposalState.OpinionSent);
        var director = Scenario.Director;
        var office = Scenario.Office;
        SignedItem = (await Scenario.ItemAsync(ProposalState.AwaitingSignOff)).Id;
        var service = Portal.Scoped<ProposalService>();
        var signed = await service.SignOffAsync(SignedItem, (await service.FindAsync(SignedItem, office))!.Version, director);
        Assert.True(signed.IsOk, signed.Error);

        var item = (await service.FindAsync(SignedItem, office))!;
        await using (var db = Portal.Db())
        {
            Letter = (await db.ReplyDocuments.SingleAsync(d => d.ProposalId == SignedItem)).Content;
            var handler = Actor.For(await db.Staff.SingleAsync(s => s.Id == item.Responsibility!.HandlerId), []);
            var added = await Portal.Scoped<AttachmentStore>().AddAsync(SignedItem, item.Version, handler, "办理情况说明.txt",
                AttachmentBytes.Length, new MemoryStream(AttachmentBytes));
            Assert.True(added.IsOk, added.Error);
        }

        item = (await service.FindAsync(SignedItem, office))!;
        AttachmentId = item.Attachments.Single().Id;
        LeadLink = (await Portal.Scoped<EvaluationLinks>().ForProposalAsync(item))[0].Url!;
        foreach (var year in new[] { 2022, Portal.Clock.Today.Year })
        {
            Figures[year] = await FiguresAsync(Portal, year);
        }

        BackupFile = Path.Combine(Portal.Folder, "backup-test.zip");
        Backup = await Portal.Get<BackupService>().CreateAsync(BackupFile, "测试");
        Assert.True(Backup.Outcome.IsOk, Backup.Outcome.Error);
    }

    public static async Task<string> FiguresAsync(TestPortal portal, int year) =>
        JsonSerializer.Serialize(await portal.Scoped<StatisticsService>().GetYearFiguresAsync(year));

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}

/// <summary><c>backup</c> and <c>restore</c>: a consistent online copy, and a restore that gives back every item, letter and file.</summary>
public sealed class BackupServiceTests(BackedUpPortal fixture) : IClassFixture<BackedUpPortal>, IDisposable
{
    private readonly List<string> _folders = [];

    private string NewFolder()
    {
        var folder = TestPortal.NewFolder();
        Directory.CreateDirectory(folder);
        _folders.Add(folder);
        return folder;
    }

    /// <summary>The portal's services for a server whose data lives in <paramref name="folder"/> (as TestPortal lays it out), not started.</summary>
    private static ServiceProvider Server(string folder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(folder, "portal.db")}",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddPortalCore(configuration, folder);
        return services.BuildServiceProvider();
    }

    private static async Task<string?> RestoreAsync(string folder, string file, bool force = false)
    {
        await using var server = Server(folder);
        var refusal = await server.GetRequiredService<BackupService>().RestoreAsync(file, force, "测试");
        SqliteConnection.ClearAllPools();
        return refusal;
    }

    [Fact]
    public async Task ABackupTakenDuringWritesIsIntactAndHoldsEveryItemCommittedBeforeIt()
    {
        var office = fixture.Scenario.Office;
        var committed = new List<int>();
        var enoughWritten = new TaskCompletionSource();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                var (item, result) = await fixture.Portal.Scoped<ProposalService>().RegisterAsync(Registration(n, fixture.Portal.Clock.Today), office);
                Assert.True(result.IsOk, result.Error);
                lock (committed)
                {
                    committed.Add(item!.Id);
                }

                if (n == 20)
                {
                    enoughWritten.SetResult();
                }
            }
        });
        await enoughWritten.Task;
        int[] before;
        lock (committed)
        {
            before = [.. committed];
        }

        var file = Path.Combine(NewFolder(), "during-writes.zip");
        var backup = await fixture.Portal.Get<BackupService>().CreateAsync(file, "测试");
        await stop.CancelAsync();
        await writer;
        var written = committed.ToArray();

        Assert.True(backup.Outcome.IsOk, backup.Outcome.Error);
        var copy = Path.Combine(NewFolder(), "portal.db");
        using (var zip = ZipFile.OpenRead(file))
        {
            zip.GetEntry(BackupService.DatabaseEntry)!.ExtractToFile(copy);
        }

        await using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal("ok", await SqliteScalar.ReadAsync(connection, "PRAGMA integrity_check;"));
        var backedUp = new List<int>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Id FROM Proposals WHERE Session = '备份测试会议' ORDER BY Id";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                backedUp.Add(reader.GetInt32(0));
            }
        }

        // Every item committed before the backup began is in it; of those written meanwhile, a consistent snapshot
        // holds the first ones in order and none of the later: never a gap.
        Assert.Subset(backedUp.ToHashSet(), before.ToHashSet());
        Assert.Equal(written.Take(backedUp.Count), backedUp);
        Assert.Equal(backup.Manifest!.Counts.Items, int.Parse(await SqliteScalar.ReadAsync(connection, "SELECT COUNT(*) FROM Proposals"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AfterARestoreTheFiguresAreTheSameAndTheLetterTheAttachmentAndTheLinksAreBack()
    {
        var folder = NewFolder();

        Assert.Null(await RestoreAsync(folder, fixture.BackupFile));
        await using var restored = await TestPortal.StartAsync(folder: folder);

        foreach (var (year, figures) in fixture.Figures)
        {
            Assert.Equal(figures, await BackedUpPortal.FiguresAsync(restored, year));
        }

        await using (var db = restored.Db())
        {
            var letter = (await db.ReplyDocuments.SingleAsync(d => d.ProposalId == fixture.SignedItem)).Content;
            Assert.Equal(fixture.Letter, letter);
            var (signedBytes, signature) = SignedLetterTests.SignedParts(letter);
            var cms = new SignedCms(new ContentInfo(signedBytes), detached: true);
            cms.Decode(signature);
            cms.CheckSignature(verifySignatureOnly: true);
        }

        var office = await restored.ActorAsync(fixture.Scenario.Office.Name);
        var file = await restored.Scoped<AttachmentStore>().OpenAsync(fixture.SignedItem, fixture.AttachmentId, office);
        Assert.NotNull(file);
        using (var content = new MemoryStream())
        {
            await file.Value.Content.CopyToAsync(content);
            await file.Value.Content.DisposeAsync();
            Assert.Equal(BackedUpPortal.AttachmentBytes, content.ToArray());
        }

        // The keys came back too: the item page can still show the proposers' links.
        var item = (await restored.Scoped<ProposalService>().FindAsync(fixture.SignedItem, office))!;
        Assert.Equal(fixture.LeadLink, (await restored.Scoped<EvaluationLinks>().ForProposalAsync(item))[0].Url);
    }

    [Fact]
    public async Task BackupsAndRestoresAreOnTheAdministratorsRecord()
    {
        await using (var db = fixture.Portal.Db())
        {
            var backup = await db.AdminAuditEntries.SingleAsync(e => e.Action == AdminActions.Backup && e.Target == fixture.BackupFile);
            Assert.Equal("测试", backup.ActorName);
            Assert.StartsWith("成功", backup.After);
        }

        var folder = NewFolder();
        Assert.Null(await RestoreAsync(folder, fixture.BackupFile));
        await using var restored = await TestPortal.StartAsync(folder: folder);
        await using (var db = restored.Db())
        {
            // Recorded in the database it restored, and the chain there still verifies.
            var restore = await db.AdminAuditEntries.SingleAsync(e => e.Action == AdminActions.Restore);
            Assert.Equal(Path.GetFullPath(fixture.BackupFile), restore.Target);
        }

        Assert.Equal(AuditVerification.Intact, await AuditVerification.RunCommandAsync(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = $"Data Source={restored.DatabasePath}" }).Build(),
            folder, TextWriter.Null));
    }

    [Fact]
    public async Task ARestoreOntoAnExistingDatabaseIsRefusedWithoutForce()
    {
        var folder = NewFolder();
        // A real deployment's new database: no items yet. (Stopped before the forced restore below, as README says.)
        await using var existing = await TestPortal.StartAsync(folder: folder);
        await using (var db = existing.Db())
        {
            Assert.Equal(0, await db.Proposals.CountAsync());
        }

        SqliteConnection.ClearAllPools();
        var database = Path.Combine(folder, "portal.db");
        var before = SHA256.HashData(await File.ReadAllBytesAsync(database));

        var refusal = await RestoreAsync(folder, fixture.BackupFile);

        Assert.NotNull(refusal);
        Assert.Contains("已存在", refusal);
        Assert.Contains("--force", refusal);
        Assert.Equal(before, SHA256.HashData(await File.ReadAllBytesAsync(database)));

        Assert.Null(await RestoreAsync(folder, fixture.BackupFile, force: true));
        await using var restored = await TestPortal.StartAsync(folder: folder);
        await using (var db = restored.Db())
        {
            Assert.Equal(fixture.Backup.Manifest!.Counts.Items, await db.Proposals.CountAsync());
        }

        // The replaced database is kept beside it, not deleted.
        Assert.Single(Directory.GetFiles(folder, "portal.db.before-restore-*"));
    }

    [Fact]
    public async Task ADamagedArchiveIsRefusedInChineseAndNothingIsWritten()
    {
        var damaged = Path.Combine(NewFolder(), "damaged.zip");
        File.Copy(fixture.BackupFile, damaged);
        using (var zip = ZipFile.Open(damaged, ZipArchiveMode.Update))
        {
            var entry = zip.Entries.Single(e => e.FullName.StartsWith("attachments/", StringComparison.Ordinal));
            var name = entry.FullName;
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            await writer.WriteAsync("被改动的附件");
        }

        var folder = NewFolder();
        var refusal = await RestoreAsync(folder, damaged);

        Assert.NotNull(refusal);
        Assert.StartsWith("备份文件已损坏或被改动", refusal);
        Assert.Contains("校验值与清单不符", refusal);
        // Only the keys folder the server's start made; no database, no attachment, no key from the archive.
        Assert.Equal([Path.Combine(folder, "keys")], Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories));

        var notAZip = Path.Combine(NewFolder(), "not-a-backup.zip");
        await File.WriteAllTextAsync(notAZip, "这不是备份");
        Assert.Contains("不是有效的备份文件", await RestoreAsync(folder, notAZip));
    }

    [Fact]
    public async Task TheManifestCountsAndHashesEveryEntry()
    {
        using var zip = ZipFile.OpenRead(fixture.BackupFile);
        var (manifest, damaged) = await BackupService.VerifyAsync(zip);

        Assert.Null(damaged);
        Assert.Equal(fixture.Backup.Manifest!.Counts, manifest!.Counts);
        Assert.True(manifest.Counts.Letters >= 1);
        Assert.Equal(1, manifest.Counts.Attachments);
        var paths = manifest.Entries.Select(e => e.Path).ToList();
        Assert.Contains(BackupService.DatabaseEntry, paths);
        Assert.Contains(paths, p => p.StartsWith("attachments/", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.StartsWith("keys/key-", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.StartsWith("signing/", StringComparison.Ordinal));
        Assert.All(manifest.Entries, e => Assert.Matches("^[0-9a-f]{64}$", e.Sha256));
    }

    private static ProposalRegistration Registration(int number, DateOnly today) => new(
        today.Year, ProposalKind.Proposal, Level.City, "备份测试会议", number, $"关于备份测试第{number}号的提案", "正文",
        [new Proposer("测试委员", "138-0000-0001")], ["测试主题"], today, HandlingRole.Lead, null, null, false);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var folder in _folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp folder.
            }
        }
    }
}
