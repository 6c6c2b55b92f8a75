using System.Text.Json;
using Bunit;
using MudBlazor;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Backup;
using ProposalPortal.Tests.TestSupport;
using BackupsPage = ProposalPortal.Features.Administration.Backups;

namespace ProposalPortal.Tests.Components.Administration;

/// <summary>数据备份 as the administrator sees it: the last backup, and a warning when it failed or is too old.</summary>
public sealed class BackupsPageTests : PortalBunitContext
{
    private BackupService Backup => Portal!.Get<BackupService>();

    public override async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        await SignInAsync(Portal, (await Scenario.CreateAsync(Portal)).Admin.Name, PortalRoles.Admin);
        Render<MudPopoverProvider>();
    }

    [Fact]
    public async Task ABackupFromYesterdayIsShownWithoutAWarning()
    {
        var result = await Backup.CreateInFolderAsync("测试");
        Portal!.Time.Advance(TimeSpan.FromDays(1));

        var cut = Render<BackupsPage>();

        Assert.Empty(cut.FindAll("[data-testid=backup-warning]"));
        Assert.Equal("2026年11月28日 10:00", cut.Find("[data-testid=last-backup-time]").TextContent);
        Assert.Equal(result.File, cut.Find("[data-testid=last-backup-file]").TextContent);
        Assert.Matches(@"^\d+\.\d (KB|MB)$", cut.Find("[data-testid=last-backup-size]").TextContent.Trim());
        Assert.Contains(Path.GetFileName(result.File), cut.Find("[data-testid=backup-files]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABackupOlderThanTwoDaysIsWarnedOf()
    {
        await Backup.CreateInFolderAsync("测试");
        Portal!.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));

        var cut = Render<BackupsPage>();

        Assert.Equal("最近一次成功的备份是2026年11月28日 10:00，已超过2天。请检查每日自动备份是否正常运行。",
            cut.Find("[data-testid=backup-warning]").TextContent.Trim());
    }

    [Fact]
    public void AFailedLastBackupIsWarnedOfWithItsReason()
    {
        var at = Portal!.Time.GetUtcNow();
        Directory.CreateDirectory(Backup.Folder);
        File.WriteAllText(Path.Combine(Backup.Folder, BackupStatusStore.FileName), JsonSerializer.Serialize(
            new BackupStatus(at, "/backups/portal-20261128-023000.zip", "备份失败：磁盘已满", at.AddDays(-1), "/backups/portal-20261127-023000.zip", 1024),
            new JsonSerializerOptions(JsonSerializerDefaults.Web)));

        var cut = Render<BackupsPage>();

        Assert.Equal("最近一次备份失败（2026年11月28日 10:00）：备份失败：磁盘已满", cut.Find("[data-testid=backup-warning]").TextContent.Trim());
        Assert.Equal("2026年11月27日 10:00", cut.Find("[data-testid=last-backup-time]").TextContent);
    }

    [Fact]
    public void NoBackupYetIsWarnedOfAndTheButtonTakesOne()
    {
        var cut = Render<BackupsPage>();
        Assert.Contains("尚无备份", cut.Find("[data-testid=backup-warning]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=backup-now]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=backup-warning]")));
        Assert.Single(Directory.GetFiles(Backup.Folder, "portal-*.zip"));
        Assert.Equal("2026年11月28日 10:00", cut.Find("[data-testid=last-backup-time]").TextContent);
    }
}
