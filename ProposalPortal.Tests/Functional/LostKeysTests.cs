using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Features.Publication;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>
/// When the data-protection keys are lost anyway (a server rebuilt without its keys folder), the Office's item page
/// still opens and says what was lost instead of failing with HTTP 500.
/// </summary>
public sealed class LostKeysTests(ScenarioSite site) : IClassFixture<ScenarioSite>
{
    private PortalFactory Factory => site.Factory;

    [Fact]
    public async Task TheItemPageOpensAndSaysTheLinksCopyWasLost()
    {
        var driver = site.Driver;
        var id = await driver.RepliedAsync("关于建设城市口袋公园的提案", ItemDriver.Draft("推进口袋公园建设。"));
        var proposal = await driver.LoadAsync(id);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            // The links are made (and their copies protected) with the first server's keys.
            Assert.All(await scope.ServiceProvider.GetRequiredService<EvaluationLinks>().ForProposalAsync(proposal), l => Assert.NotNull(l.Url));
        }

        // The same database on a server whose keys folder is new and empty.
        await using var rebuilt = Factory.WithWebHostBuilder(b => b.UseSetting("DataProtection:KeysFolder", Path.Combine(Factory.Folder, "new-keys")));
        var office = rebuilt.CreateClient();
        await HttpSignIn.SignInAsync(office, ScenarioSite.Office, Scenario.AccountPassword);

        var response = await office.GetAsync($"/proposals/{id}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("关于建设城市口袋公园的提案", html);
        Assert.Contains("data-testid=\"evaluation-link-lost\"", html);
        Assert.Contains(EvaluationLink.LostText, html);
        Assert.DoesNotContain("data-testid=\"evaluation-link\"", html);

        // The proposer's 征询意见表 cannot carry a link the server can no longer read: it says so instead of printing none.
        var form = await office.GetAsync(ProposalPortal.Features.Letters.EvaluationForms.PathFor(id, 1));
        Assert.Equal(HttpStatusCode.Conflict, form.StatusCode);
        Assert.Contains(EvaluationLink.LostText, await form.Content.ReadAsStringAsync());
    }
}
