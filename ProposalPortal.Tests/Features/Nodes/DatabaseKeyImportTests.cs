using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Nodes;

/// <summary>
/// A bureau moving from one server to several: what the single server protected with the keys in its folder (the
/// copies of evaluation links, the uploaded certificate's password) still opens once the keys live in the database.
/// </summary>
public sealed class DatabaseKeyImportTests
{
    [Fact]
    public async Task WhatOneServerProtectedStillOpensOnceSeveralNodesKeepTheKeysInTheDatabase()
    {
        await using var redis = await RedisServer.StartAsync();
        var folder = TestPortal.NewFolder();
        string protectedText;
        await using (var single = await TestPortal.StartAsync())
        {
            protectedText = single.Get<IDataProtectionProvider>().CreateProtector("ProposalPortal.Test.v1").Protect("征询意见链接");
            await using (var db = single.Db())
            {
                Assert.Equal(0, await db.DataProtectionKeys.CountAsync());
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            }

            // The server's data, as it is moved: the database file with its keys folder beside it.
            CopyFolder(single.Folder, folder);
        }

        await using var node = await TestPortal.StartAsync(folder: folder, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Nodes:SharedFolder"] = Path.Combine(folder, "shared"),
        });
        await using (var db = node.Db())
        {
            Assert.True(await db.DataProtectionKeys.AnyAsync());
        }

        // Opened with the key ring read from the database alone: the folder is gone.
        Directory.Delete(Path.Combine(folder, "keys"), recursive: true);
        Assert.Equal("征询意见链接", node.Get<IDataProtectionProvider>().CreateProtector("ProposalPortal.Test.v1").Unprotect(protectedText));
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
