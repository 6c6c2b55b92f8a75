using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using ProposalPortal.Features.Supervision;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Browser;

/// <summary>
/// Two portal processes on PostgreSQL and Redis behind nginx: a step taken through node A reaches the board a leader
/// has open on node B, and a SignalR client on node B, within a second; when node A dies, its users carry on on node B
/// (the same sign-in cookie, the same board).
/// </summary>
public sealed class TwoNodeTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    // A sign-off renders and signs a letter; with two nodes, nginx, PostgreSQL, Redis and Chromium on one shared
    // machine a save can take seconds.
    private static readonly LocatorAssertionsToBeHiddenOptions Slow = new() { Timeout = 15_000 };

    [Fact]
    public async Task AStepOnNodeAReachesBoardsOnNodeBAndNodeBCarriesOnWhenNodeADies()
    {
        // 何六 of 发展规划科 works through node A; his section's item in hand comes from the API, as he sees it.
        int id;
        using (var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(nodes.ViaAUrl) })
        {
            await HttpSignIn.SignInAsync(http, "heliu");
            using var page = JsonDocument.Parse(await http.GetStringAsync("/api/v1/proposals?state=InProgress&pageSize=5"));
            var item = page.RootElement.GetProperty("items")[0];
            id = item.GetProperty("id").GetInt32();
        }

        // 朱二 opens the board on node B; a wall display's SignalR client listens on node B too.
        var leader = await nodes.NewPageAsync();
        await TwoNodes.SignInAsync(leader, nodes.ViaBUrl, "zhuer");
        await leader.GotoAsync($"{nodes.ViaBUrl}/supervision");
        await BrowserFixture.WaitForCircuitAsync(leader);
        var board = leader.GetByTestId("board");
        await Assertions.Expect(board).ToHaveAttributeAsync("data-updates", "0");
        await using var wall = new HubConnectionBuilder()
            .WithUrl(nodes.ViaBUrl + SupervisionHub.Path, o => o.Headers["X-Api-Key"] = TwoNodes.ReadKey)
            .Build();
        var heard = new TaskCompletionSource<(SupervisionChange Change, long At)>(TaskCreationOptions.RunContinuationsAsynchronously);
        wall.On<SupervisionChange>(SupervisionHub.ChangedMethod, change => heard.TrySetResult((change, Stopwatch.GetTimestamp())));
        await wall.StartAsync();

        // The step, through node A.
        var clerk = await nodes.NewPageAsync();
        await TwoNodes.SignInAsync(clerk, nodes.ViaAUrl, "heliu");
        await LogCommunicationAsync(clerk, nodes.ViaAUrl, id, "电话联系提出人，介绍办理思路，听取意见。");
        var committed = Stopwatch.GetTimestamp();

        // Within a second on node B: the leader's board (same document) and the hub client.
        await Assertions.Expect(board).ToHaveAttributeAsync("data-updates", "1", new LocatorAssertionsToHaveAttributeOptions { Timeout = 1_000 });
        await Assertions.Expect(leader.Locator("[data-testid=board-activity] tbody tr").First).ToContainTextAsync("何六");
        var (change, at) = await heard.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Contains("何六", change.Summary, StringComparison.Ordinal);
        Assert.Equal([id], change.ProposalIds);
        Assert.True(Stopwatch.GetElapsedTime(committed, at) < TimeSpan.FromSeconds(1),
            $"the hub client on node B heard the step {Stopwatch.GetElapsedTime(committed, at).TotalMilliseconds:0} ms after it was shown done");

        // Node A dies. 何六's next page goes to node B: his cookie is read there (the keys are in the database), and
        // his next step reaches the board that stayed open on node B.
        nodes.A.Kill();
        // A new tab with the same cookies: the old one's lost circuit may be reloading it at this moment.
        var nextPage = await clerk.Context.NewPageAsync();
        await LogCommunicationAsync(nextPage, nodes.ViaAUrl, id, "再次电话联系提出人，通报办理进展。");
        await Assertions.Expect(board).ToHaveAttributeAsync("data-updates", "2", new LocatorAssertionsToHaveAttributeOptions { Timeout = 5_000 });
        Assert.False(nodes.B.HasExited);
        using var ready = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await ready.GetAsync(nodes.B.Url + "/readyz")).StatusCode);
        // A new visitor through the balanced address gets node B.
        Assert.Equal(HttpStatusCode.OK, (await ready.GetAsync(nodes.BalancedUrl + "/healthz")).StatusCode);
    }

    [Fact]
    public async Task DocumentNumbersIssuedAtTheSameMomentOnBothNodesNeitherRepeatNorSkip()
    {
        // A node killed by the other test comes back, as systemd restarts it.
        if (nodes.A.HasExited)
        {
            await nodes.A.StartAsync();
        }

        // The demo has one reply awaiting sign-off and one drafted (经济运行科): 严十一 sends the draft to review and
        // its deputy approves, so that two wait.
        int drafted;
        using (var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(nodes.ViaBUrl) })
        {
            await HttpSignIn.SignInAsync(http, "yanshiyi");
            using var page = JsonDocument.Parse(await http.GetStringAsync("/api/v1/proposals?state=Drafted&pageSize=5"));
            drafted = page.RootElement.GetProperty("items")[0].GetProperty("id").GetInt32();
        }

        var clerk = await nodes.NewPageAsync();
        await TwoNodes.SignInAsync(clerk, nodes.ViaBUrl, "yanshiyi");
        await TakeStepAsync(clerk, nodes.ViaBUrl, drafted, "SubmitForReview");
        await Assertions.Expect(clerk.GetByTestId("proposal-state")).ToHaveTextAsync("待审核");
        foreach (var deputy in new[] { "zhuer", "qinsan" })
        {
            var page = await nodes.NewPageAsync();
            await TwoNodes.SignInAsync(page, nodes.ViaBUrl, deputy);
            await page.GotoAsync($"{nodes.ViaBUrl}/proposals/{drafted}");
            await BrowserFixture.WaitForCircuitAsync(page);
            await Assertions.Expect(page.GetByTestId("proposal-state")).ToHaveTextAsync("待审核");
            if (await page.Locator("[data-testid=actions] button[data-step=ApproveReview]").CountAsync() > 0)
            {
                await TakeStepAsync(page, nodes.ViaBUrl, drafted, "ApproveReview");
                await Assertions.Expect(page.GetByTestId("proposal-state")).ToHaveTextAsync("待签发");
                break;
            }
        }

        // 杨一, the director, on node A and on node B, each with one item awaiting sign-off open.
        int[] waiting;
        using (var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(nodes.ViaAUrl) })
        {
            await HttpSignIn.SignInAsync(http, "yangyi");
            using var page = JsonDocument.Parse(await http.GetStringAsync("/api/v1/proposals?state=AwaitingSignOff&pageSize=100"));
            waiting = [.. page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32())];
        }

        Assert.True(waiting.Length >= 2, "the demo data has fewer than two items awaiting sign-off");
        var year = DateTime.Now.Year;
        var before = await SerialsAsync(year);
        var onA = await nodes.NewPageAsync();
        var onB = await nodes.NewPageAsync();
        await TwoNodes.SignInAsync(onA, nodes.ViaAUrl, "yangyi");
        await TwoNodes.SignInAsync(onB, nodes.ViaBUrl, "yangyi");
        for (var i = 0; i + 1 < waiting.Length; i += 2)
        {
            var submitA = await OpenSignOffAsync(onA, nodes.ViaAUrl, waiting[i]);
            var submitB = await OpenSignOffAsync(onB, nodes.ViaBUrl, waiting[i + 1]);
            // Both directors press 签发 at the same moment: both nodes read the same last number.
            await Task.WhenAll(submitA.ClickAsync(), submitB.ClickAsync());
            await Task.WhenAll(Assertions.Expect(submitA).ToBeHiddenAsync(Slow), Assertions.Expect(submitB).ToBeHiddenAsync(Slow));
            await Assertions.Expect(onA.GetByTestId("proposal-state")).ToHaveTextAsync("已答复");
            await Assertions.Expect(onB.GetByTestId("proposal-state")).ToHaveTextAsync("已答复");
        }

        var signed = waiting.Length / 2 * 2;
        var after = await SerialsAsync(year);
        Assert.Equal(before.Count + signed, after.Count);
        // 1, 2, 3, ... without a repeat or a gap, whichever node issued which.
        Assert.Equal(Enumerable.Range(1, after.Count), after);
    }

    /// <summary>
    /// The board latency of BENCHMARKS.md: 500 hub clients on node B; for each of a series of steps taken on node A,
    /// the time from the step's commit (its timestamp, on the same machine's clock) to the last of the 500 hearing
    /// it. Written to test-artifacts/two-node-latency.txt (BENCHMARKS.md); the one-second promise is held by the test above.
    /// </summary>
    [Fact]
    public async Task FiveHundredHubClientsOnNodeBAllHearEachStepOnNodeAWithinASecond()
    {
        const int Clients = 500;
        const int Steps = 30;
        if (nodes.A.HasExited)
        {
            await nodes.A.StartAsync();
        }

        int id;
        using (var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(nodes.A.Url) })
        {
            await HttpSignIn.SignInAsync(http, "heliu");
            using var page = JsonDocument.Parse(await http.GetStringAsync("/api/v1/proposals?state=InProgress&pageSize=5"));
            id = page.RootElement.GetProperty("items")[0].GetProperty("id").GetInt32();
        }

        var heard = new System.Collections.Concurrent.ConcurrentDictionary<DateTimeOffset, System.Collections.Concurrent.ConcurrentBag<DateTimeOffset>>();
        var connections = new List<HubConnection>();
        try
        {
            foreach (var batch in Enumerable.Range(0, Clients).Chunk(50))
            {
                var started = batch.Select(async _ =>
                {
                    var connection = new HubConnectionBuilder()
                        .WithUrl(nodes.B.Url + SupervisionHub.Path, o => o.Headers["X-Api-Key"] = TwoNodes.ReadKey)
                        .Build();
                    connection.On<SupervisionChange>(SupervisionHub.ChangedMethod, change =>
                        heard.GetOrAdd(change.At, _ => []).Add(DateTimeOffset.UtcNow));
                    await connection.StartAsync();
                    return connection;
                });
                connections.AddRange(await Task.WhenAll(started));
            }

            var clerk = await nodes.NewPageAsync();
            await TwoNodes.SignInAsync(clerk, nodes.A.Url, "heliu");
            var latencies = new List<double>();
            for (var step = 0; step < Steps; step++)
            {
                var before = heard.Keys.ToHashSet();
                await LogCommunicationAsync(clerk, nodes.A.Url, id, $"第{step + 1}次电话联系提出人，通报办理进展。");
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                while (heard.Where(h => !before.Contains(h.Key)).Select(h => h.Value.Count).DefaultIfEmpty(0).Max() < Clients)
                {
                    await Task.Delay(5, patience.Token);
                }

                var (at, receipts) = heard.First(h => !before.Contains(h.Key) && h.Value.Count >= Clients);
                latencies.Add((receipts.Max() - at).TotalMilliseconds);
            }

            latencies.Sort();
            double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
            var report = FormattableString.Invariant(
                $"two-node board latency, commit on node A to the last of {Clients} hub clients on node B, {Steps} steps: p50 {Percentile(0.5):0} ms, p90 {Percentile(0.9):0} ms, p99 {Percentile(0.99):0} ms, max {latencies[^1]:0} ms");
            await File.WriteAllTextAsync(Path.Combine(Repository.Artifacts, "two-node-latency.txt"), report + Environment.NewLine);
            // Every one of the 500 heard every step (the loop above waited for that). The latency is recorded, not held
            // to a limit here: on a CI machine the browser, both nodes and the 500 clients share the same few cores.
            Assert.Equal(Steps, latencies.Count);
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private async Task<List<int>> SerialsAsync(int year)
    {
        await using var connection = new Npgsql.NpgsqlConnection(nodes.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT \"DocumentSerial\" FROM \"Reply\" WHERE \"DocumentYear\" = @year ORDER BY \"DocumentSerial\"", connection);
        command.Parameters.AddWithValue("year", year);
        var serials = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            serials.Add(reader.GetInt32(0));
        }

        return serials;
    }

    private static async Task TakeStepAsync(IPage page, string baseUrl, int id, string step)
    {
        await page.GotoAsync($"{baseUrl}/proposals/{id}");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.Locator($"[data-testid=actions] button[data-step={step}]").ClickAsync();
        var submit = page.Locator("[data-testid=step-submit]");
        await submit.ClickAsync();
        await Assertions.Expect(submit).ToBeHiddenAsync(Slow);
    }

    private static async Task<ILocator> OpenSignOffAsync(IPage page, string baseUrl, int id)
    {
        await page.GotoAsync($"{baseUrl}/proposals/{id}");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("[data-testid=actions] button[data-step=SignOff]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=step-dialog]")).ToBeVisibleAsync();
        return page.Locator("[data-testid=step-submit]");
    }

    private static async Task LogCommunicationAsync(IPage page, string baseUrl, int id, string summary)
    {
        await page.GotoAsync($"{baseUrl}/proposals/{id}");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("[data-testid=actions] button[data-step=LogCommunication]").ClickAsync();
        await page.Locator("#communication-summary").FillAsync(summary);
        var submit = page.Locator("[data-testid=step-submit]");
        await submit.ClickAsync();
        try
        {
            // Under load (two nodes, nginx, PostgreSQL, Redis, Chromium on a shared CI machine) a save can take a while.
            await Assertions.Expect(submit).ToBeHiddenAsync(Slow);
        }
        catch (PlaywrightException)
        {
            Assert.Fail(summary + ": " + string.Join(" / ", await page.Locator(".mud-alert, .mud-snackbar, .mud-input-helper-text, .mud-input-error").AllInnerTextsAsync()));
        }
    }
}
