using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>
/// 公开 and 撤回公开 update the public search index from their events once committed, before anyone searches (the
/// search's own lazy sync is only the fallback when the handler fails).
/// </summary>
public sealed class PublicSearchEventTests(ScenarioSite site) : IClassFixture<ScenarioSite>
{
    private ItemDriver Driver => site.Driver;

    private async Task<bool> IndexedAsync(int replyId)
    {
        await using var db = await site.Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return (await db.Database.SqlQueryRaw<int>("SELECT rowid AS Value FROM PublicSearch").ToListAsync()).Contains(replyId);
    }

    [Fact]
    public async Task PublishingAndUnpublishingAReplyUpdateTheIndexWithoutASearch()
    {
        var id = await Driver.RepliedAsync("关于事件索引标记的提案", ItemDriver.Draft("索引事件正文标记。"));
        var reply = (await Driver.LoadAsync(id)).CurrentReply!.Id;
        Assert.False(await IndexedAsync(reply));

        await Driver.StepAsync(id, ScenarioSite.Office, (a, p, c) => p.Publish(a, c));
        Assert.True(await IndexedAsync(reply));

        await Driver.StepAsync(id, ScenarioSite.Office, (a, p, c) => p.Unpublish(a, "撤下理由", c));
        Assert.False(await IndexedAsync(reply));
    }
}
