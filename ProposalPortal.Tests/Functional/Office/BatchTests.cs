using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional.Office;

/// <summary>
/// The Office's batches over the real app: the list's batch bar posts (antiforgery token and all) to the batch page,
/// which lists the items done and refused; nobody else can run one, and a post without the token does nothing.
/// </summary>
public sealed partial class BatchTests(BatchSite site) : IClassFixture<BatchSite>
{
    private PortalFactory Factory => site.Factory;

    private async Task<(HttpClient Client, string Token)> SignedInAsync(string user, bool redirects = true)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = redirects });
        if (redirects)
        {
            await HttpSignIn.SignInAsync(client, user, Scenario.AccountPassword);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, (await HttpSignIn.PostLoginAsync(client, user, Scenario.AccountPassword)).StatusCode);
        }

        var list = await client.GetStringAsync("/proposals");
        return (client, WebUtility.HtmlDecode(Token().Match(list).Groups[1].Value));
    }

    /// <summary>The scenario's item <paramref name="item"/> as it is now: its id and state.</summary>
    private async Task<(int Id, ProposalState State)> ItemAsync(Proposal item)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var state = await db.Proposals.Where(p => p.Id == item.Id).Select(p => p.State).SingleAsync();
        return (item.Id, state);
    }

    private static FormUrlEncodedContent Form(string token, string action, params int[] ids) => new(
    [
        new("_handler", "proposal-batch"),
        new("__RequestVerificationToken", token),
        new("action", action),
        .. ids.Select(id => new KeyValuePair<string, string>("ids", id.ToString(System.Globalization.CultureInfo.InvariantCulture))),
    ]);

    [Fact]
    public async Task TheOfficeSignsForTwoItemsAtOnceAndSeesTheOneDoneAndTheOneRefusedWithItsReason()
    {
        var (client, token) = await SignedInAsync(ScenarioSite.Office);
        var registered = await ItemAsync(site.Registered);
        var accepted = await ItemAsync(site.Accepted);
        Assert.Equal((ProposalState.Registered, ProposalState.Accepted), (registered.State, accepted.State));

        var list = await client.GetStringAsync("/proposals");
        var response = await client.PostAsync("/proposals/batch", Form(token, "Accept", registered.Id, accepted.Id));

        // The list offers the bar: a POST form to the batch page with its token, and a checkbox per row that belongs to it.
        var page = new HtmlParser().ParseDocument(list);
        var bar = page.QuerySelector("form#batch-form")!;
        Assert.Equal(("post", "/proposals/batch"), (bar.GetAttribute("method"), bar.GetAttribute("action")));
        Assert.NotNull(bar.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.All(page.QuerySelectorAll("input[data-testid=batch-select]"), box => Assert.Equal("batch-form", box.GetAttribute("form")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("签收：已办理1件，未能办理1件。", result.QuerySelector("[data-testid=batch-summary]")!.TextContent.Trim());
        Assert.Equal(registered.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Assert.Single(result.QuerySelectorAll("[data-testid=batch-done] tbody tr")).GetAttribute("data-proposal-id"));
        var refused = Assert.Single(result.QuerySelectorAll("[data-testid=batch-refused] tbody tr"));
        Assert.Equal("本件当前状态为「已签收」，不能签收", refused.QuerySelector("[data-testid=batch-reason]")!.TextContent.Trim());
        Assert.Equal(ProposalState.Accepted, (await ItemAsync(site.Registered)).State);
    }

    [Fact]
    public async Task ASectionsStaffCannotRunABatchAndNothingChanges()
    {
        var (client, token) = await SignedInAsync(ScenarioSite.Handler, redirects: false);
        var inProgress = await ItemAsync(site.InProgress[0]);

        var batch = await client.PostAsync("/proposals/batch", Form(token, "Chase", inProgress.Id));
        var export = await client.PostAsync("/proposals/export.xlsx", Form(token, "Chase", inProgress.Id));

        Assert.Equal(HttpStatusCode.Redirect, batch.StatusCode);
        Assert.Contains("/account/denied", batch.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, export.StatusCode);
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.False(await db.Set<ChaseRecord>().AnyAsync(c => EF.Property<int>(c, "ProposalId") == inProgress.Id
            && c.Message == global::ProposalPortal.Features.Proposals.Batch.ProposalBatch.DefaultChaseMessage));
        // Nor does the list offer them the bar or the checkboxes.
        var list = await client.GetStringAsync("/proposals");
        Assert.DoesNotContain("batch-form", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnonymousCannotRunABatch()
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var registered = await ItemAsync(site.Registered);

        var response = await client.PostAsync("/proposals/batch", Form("no-token", "Accept", registered.Id));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(registered.State, (await ItemAsync(site.Registered)).State);
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryTokenIsRefusedAndChangesNothing()
    {
        var (client, _) = await SignedInAsync(ScenarioSite.Office);
        var registered = await ItemAsync(site.Registered);

        var response = await client.PostAsync("/proposals/batch", Form("forged", "Accept", registered.Id));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(registered.State, (await ItemAsync(site.Registered)).State);
    }

    [Fact]
    public async Task TheBatchExportGivesTheTickedItemsOrAllMatchingTheListsFilter()
    {
        var (client, token) = await SignedInAsync(ScenarioSite.Office);
        var first = await ItemAsync(site.InProgress[0]);
        var second = await ItemAsync(site.InProgress[1]);

        var ticked = await client.PostAsync("/proposals/export.xlsx", Form(token, "Accept", first.Id, second.Id));
        var all = await client.PostAsync($"/proposals/export.xlsx?year={site.Portal.Clock.Today.Year}&role=Assisting",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("all", "true"), new("ids", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))]));

        Assert.Equal(HttpStatusCode.OK, ticked.StatusCode);
        using (var xlsx = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await ticked.Content.ReadAsByteArrayAsync()), false))
        {
            var sheet = new SheetReader(xlsx);
            Assert.Equal(site.InProgress.Select(p => p.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(),
                sheet.Rows().Skip(1).Select(r => r[0]).Order());
        }

        using (var xlsx = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await all.Content.ReadAsByteArrayAsync()), false))
        {
            // "All matching" is the query string's filter (the year's assisting items), whatever ids came with it.
            var sheet = new SheetReader(xlsx);
            Assert.Equal(BatchSite.Assisting, sheet.RowCount - 1);
            Assert.All(sheet.Rows().Skip(1), r => Assert.Equal("协办", r[4]));
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

/// <summary>The scenario's items a batch acts on: one registered, one accepted, two in progress, and items it assists with.</summary>
public sealed class BatchSite : ScenarioSite
{
    public const int Assisting = 2;

    public Proposal Registered { get; private set; } = null!;

    public Proposal Accepted { get; private set; } = null!;

    public IReadOnlyList<Proposal> InProgress { get; private set; } = [];

    protected override async Task BuildAsync(Scenario scenario)
    {
        Registered = await scenario.ItemAsync(ProposalState.Registered);
        Accepted = await scenario.ItemAsync(ProposalState.Accepted);
        InProgress = [await scenario.ItemAsync(ProposalState.InProgress), await scenario.ItemAsync(ProposalState.InProgress)];
        for (var i = 0; i < Assisting; i++)
        {
            await scenario.AssistingItemAsync();
        }
    }
}
