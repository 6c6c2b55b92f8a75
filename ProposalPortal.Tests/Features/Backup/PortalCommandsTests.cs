using Microsoft.Data.Sqlite;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Backup;

/// <summary><c>ProposalPortal backup FILE</c> and <c>restore FILE [--force]</c> as an operator types them.</summary>
public sealed class PortalCommandsTests
{
    private static string[] Settings(string folder) =>
    [
        $"--ConnectionStrings:Portal=Data Source={Path.Combine(folder, "portal.db")}",
        $"--Attachments:Folder={Path.Combine(folder, "attachments")}",
        $"--Letters:Signing:Folder={Path.Combine(folder, "signing")}",
    ];

    private static async Task<(int? ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var code = await PortalCommands.TryRunAsync(args, output);
        SqliteConnection.ClearAllPools();
        return (code, output.ToString());
    }

    [Fact]
    public async Task WithoutACommandThePortalStarts()
    {
        Assert.Null((await RunAsync()).ExitCode);
        Assert.Null((await RunAsync("--urls", "http://0.0.0.0:8080")).ExitCode);
    }

    [Fact]
    public async Task BackupWritesTheArchiveAndRestoreRefusesAnExistingDatabaseWithoutForce()
    {
        await using var portal = await TestPortal.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Attachments:Folder"] = Path.Combine(TestPortal.NewFolder(), "attachments"),
        });
        var source = Path.GetDirectoryName(portal.DatabasePath)!;
        var file = Path.Combine(source, "manual.zip");

        var backup = await RunAsync(["backup", file, .. Settings(source)]);

        Assert.Equal(0, backup.ExitCode);
        Assert.StartsWith($"已备份到 {file}", backup.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(file));

        var refused = await RunAsync(["restore", file, .. Settings(source)]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--force", refused.Output, StringComparison.Ordinal);

        var target = TestPortal.NewFolder();
        try
        {
            var restored = await RunAsync(["restore", file, .. Settings(target)]);
            Assert.Equal(0, restored.ExitCode);
            Assert.True(File.Exists(Path.Combine(target, "portal.db")));

            var forced = await RunAsync(["restore", file, "--force", .. Settings(target)]);
            Assert.Equal(0, forced.ExitCode);
            Assert.Contains("已从", forced.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }

    [Fact]
    public async Task ACommandWithoutItsFileSaysHowToUseIt()
    {
        var (code, output) = await RunAsync("backup");

        Assert.Equal(2, code);
        Assert.Equal("用法：ProposalPortal backup <文件.zip>", output.Trim());
    }
}
