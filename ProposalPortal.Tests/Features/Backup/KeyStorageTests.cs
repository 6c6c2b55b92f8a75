using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Backup;

/// <summary>
/// The data-protection keys live beside the database under a fixed application name: a restart, an upgrade into a
/// new folder, or a second server reads what the first protected.
/// </summary>
public sealed class KeyStorageTests : IDisposable
{
    private readonly string _data = TestPortal.NewFolder();

    private ServiceProvider Host(string contentRoot, string? keysFolder = null)
    {
        Directory.CreateDirectory(contentRoot);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(_data, "portal.db")}",
            ["DataProtection:KeysFolder"] = keysFolder,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddPortalCore(configuration, contentRoot);
        return services.BuildServiceProvider();
    }

    private static IDataProtector Protector(IServiceProvider host) =>
        host.GetRequiredService<IDataProtectionProvider>().CreateProtector("ProposalPortal.EvaluationLinks.v1");

    [Fact]
    public async Task AValueProtectedBeforeAnUpgradeIntoANewFolderOpensAfterIt()
    {
        string protectedToken;
        await using (var before = Host(Path.Combine(_data, "release-1")))
        {
            protectedToken = Protector(before).Protect("征询意见令牌");
        }

        // The keys went beside the database, not into the user profile or the old release's folder.
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_data, "keys"), "key-*.xml"));

        await using var after = Host(Path.Combine(_data, "release-2"));
        Assert.Equal("征询意见令牌", Protector(after).Unprotect(protectedToken));
    }

    [Fact]
    public async Task ASecondServerWithTheConfiguredFolderReadsTheSameKeys()
    {
        var shared = Path.Combine(_data, "shared-keys");
        await using var first = Host(Path.Combine(_data, "node-1"), shared);
        await using var second = Host(Path.Combine(_data, "node-2"), shared);

        var protectedToken = Protector(first).Protect("签章证书密码");

        Assert.Equal("签章证书密码", Protector(second).Unprotect(protectedToken));
        Assert.NotEmpty(Directory.GetFiles(shared, "key-*.xml"));
    }

    [Fact]
    public async Task AServerWithOtherKeysCannotOpenIt()
    {
        await using var first = Host(Path.Combine(_data, "a"));
        await using var other = Host(Path.Combine(_data, "b"), Path.Combine(_data, "other-keys"));

        var protectedToken = Protector(first).Protect("x");

        // What the pages must survive (see LostKeysTests).
        Assert.ThrowsAny<CryptographicException>(() => Protector(other).Unprotect(protectedToken));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }
}
