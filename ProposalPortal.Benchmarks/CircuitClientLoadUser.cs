using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// A circuit user without a browser (<c>--load</c>'s default since session 9; Chromium with <c>--chromium</c>): the same
/// loop as <see cref="CircuitLoadUser"/>, each page fetched over HTTP and its islands started as blazor.web.js starts
/// them (<see cref="BlazorCircuitClient"/>): the list (its LiveRefresh island), an item page (its island), and every
/// other visit the step through the island, by the events a click and a typed summary send (the button, the dialog,
/// 提交). When an island calls <c>portal.refresh</c> the page is fetched again and its islands updated, as portal.js's
/// enhanced navigation does. Leaving a page disposes its circuit (the disconnect beacon), as a browser leaving it does.
/// All of them in one child process, so that their CPU is the harness's, apart from the server's.
/// </summary>
internal sealed partial class CircuitClientLoadUser(HttpClient http, CookieContainer cookies, string url, LoadUser user, ClientStats stats)
    : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(ManyUsers.ActionTimeoutMs);
    private BlazorCircuitClient? _page;
    private int _nextItem;

    /// <summary>The circuit users' process: signs every user in, warms up, says READY, runs from GO, prints RESULT.</summary>
    public static async Task<int> RunChildAsync(string planPath)
    {
        var plan = JsonSerializer.Deserialize<HttpPlan>(await File.ReadAllTextAsync(planPath))!;
        var stats = new ClientStats();
        var cookieJars = plan.Users.Select(_ => new CookieContainer()).ToList();
        var clients = cookieJars.Select(c => HttpLoadUser.Client(plan.Url, c)).ToList();
        var users = plan.Users.Select((u, i) => new CircuitClientLoadUser(clients[i], cookieJars[i], plan.Url, u, stats)).ToList();
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (i, _) => await HttpLoadUser.SignInAsync(clients[i], plan.Users[i].UserName, plan.Password));

        // Warm-up, not measured, as the Chromium users' first user does it: a list, an item page with its island.
        if (users.Count > 0)
        {
            await users[0].OpenAsync("/proposals");
            var first = plan.Users[0];
            await users[0].OpenItemAsync(first.StepItems.Count > 0 ? first.StepItems[0] : first.BrowseItems[0]);
            await users[0].CloseAsync();
        }

        Console.WriteLine($"{users.Count} circuit-client users signed in");
        Console.WriteLine("READY");
        if (await Console.In.ReadLineAsync() != "GO")
        {
            return 1;
        }

        stats.Clear();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var end = DateTime.UtcNow.AddSeconds(plan.Seconds);
        await Task.WhenAll(users.Select((u, i) => u.RunAsync(end, new Random(BenchmarkSettings.Seed + i))));
        var result = stats.Snapshot() with { CpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds };
        Console.WriteLine("JS calls answered: " + string.Join(", ", BlazorCircuitClient.JsCalls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} ×{c.Value}")));
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
        foreach (var u in users)
        {
            await u.DisposeAsync();
        }

        clients.ForEach(c => c.Dispose());
        return 0;
    }

    private async Task RunAsync(DateTime end, Random random)
    {
        await Think(random);
        var iteration = 0;
        while (DateTime.UtcNow < end)
        {
            try
            {
                var html = await TimedAsync("list page (circuit client: HTML, its island started)", () => OpenAsync(LoadRoster.ListQuery(user, random)));
                var rows = Rows().Matches(html).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
                await Think(random);

                // Every other visit is to take a step on one of the user's own items; the others read an item of the list.
                var stepping = user.StepItems.Count > 0 && iteration++ % 2 == 0;
                var id = stepping ? user.StepItems[_nextItem++ % user.StepItems.Count]
                    : rows.Count > 0 ? rows[random.Next(rows.Count)] : user.BrowseItems[random.Next(user.BrowseItems.Count)];
                var found = await TimedAsync("item page (circuit client: until its island is interactive)", () => OpenItemAsync(id));
                await Think(random);
                if (stepping && found && DateTime.UtcNow < end)
                {
                    await StepAsync(id);
                    await Think(random);
                }
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or TaskCanceledException or IOException)
            {
                stats.Error($"{user.UserName}: {e.Message.Split('\n')[0]}");
                await CloseAsync();
                await Think(random);
            }
        }

        await CloseAsync();
    }

    /// <summary>Leaves the open page (its circuit disposed), fetches the next and starts its islands; returns its HTML.</summary>
    private async Task<string> OpenAsync(string path)
    {
        await CloseAsync();
        _page = await BlazorCircuitClient.OpenAsync(http, cookies, url, path, answerJs: AnswerJs, allowStatic: true);
        return _page.Html;
    }

    private async Task<bool> OpenItemAsync(int id)
    {
        await OpenAsync(string.Create(CultureInfo.InvariantCulture, $"/proposals/{id}"));
        var client = _page!;
        if (!client.HasCircuit)
        {
            throw new InvalidOperationException($"item {id}: the page has no island");
        }

        await client.WaitForAttributeAsync("data-interactive", "true", Timeout);
        var actions = client.WaitForAttributeAsync("data-testid", "actions", Timeout);
        var notFound = client.WaitForAttributeAsync("data-testid", "not-found", Timeout);
        await Task.WhenAny(actions, notFound);
        if (notFound.IsCompletedSuccessfully)
        {
            stats.Error($"{user.UserName}: item {id} not found or not visible");
            return false;
        }

        await actions; // done, or the timeout, or the circuit's error
        return true;
    }

    /// <summary>The step through the island: the button's click, the dialog (登记沟通 needs what was said; 催办 comes filled), 提交.</summary>
    private async Task StepAsync(int id)
    {
        var client = _page!;
        var step = user.Step;
        var button = client.FindElement(e => e["data-step"] == step.ToString(), "onclick");
        if (button is null)
        {
            stats.Error($"{user.UserName}: {step} not offered on item {id}");
            return;
        }

        await TimedAsync("step dialog opened (circuit client: click → dialog)", async () =>
        {
            var dialog = client.NextBatchAsync(b => b.Elements.Any(e => e["data-testid"] == "step-submit"), Timeout);
            await client.DispatchEventAsync(button.Handler("onclick"), "click", Click());
            return await dialog;
        });
        if (step == WorkflowStep.LogCommunication)
        {
            // MudTextField binds its value on change (not Immediate): the event a browser sends when the field is left.
            var summary = client.FindElement(e => e["id"] == "communication-summary", "onchange")
                ?? throw new InvalidOperationException($"item {id}: no summary field in the 登记沟通 dialog");
            await client.DispatchEventAsync(summary.Handler("onchange"), "change",
                new JsonObject { ["value"] = "电话联系提出人，介绍办理思路，听取意见和建议。" });
        }

        var submit = client.FindElement(e => e["data-testid"] == "step-submit", "onclick")
            ?? throw new InvalidOperationException($"item {id}: no 提交 in the {step} dialog");
        var outcome = await TimedAsync($"step {step} (circuit client: 提交 → done or refused)", async () =>
        {
            var done = client.NextBatchAsync(b => b.Elements.Any(e => e["data-testid"] == "step-error"
                || (e["class"]?.Contains("mud-snackbar", StringComparison.Ordinal) ?? false)), Timeout);
            await client.DispatchEventAsync(submit.Handler("onclick"), "click", Click());
            return await done;
        });
        if (outcome.Elements.Any(e => e["data-testid"] == "step-error"))
        {
            stats.Error($"{user.UserName}: {step} on item {id} refused: {string.Join(" ", outcome.Texts.Where(t => t.Trim().Length > 0))}");
        }
    }

    /// <summary>
    /// The islands' JS calls: portal.refresh (LiveRefresh, after a change to what the page shows) fetches the page again
    /// and updates its islands, as portal.js's enhanced navigation does; the answer (void) goes at once, the refresh on
    /// its own task, timed. Every other call is answered as BlazorCircuitClient answers it.
    /// </summary>
    private string? AnswerJs(BlazorCircuitClient client, string identifier, string? argsJson)
    {
        if (identifier == "portal.refresh")
        {
            _ = Task.Run(async () =>
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await client.RefreshAsync();
                    stats.Add("live refresh (circuit client: the page fetched again, its islands updated)", Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or ObjectDisposedException)
                {
                    if (ReferenceEquals(client, _page))
                    {
                        stats.Error($"{user.UserName}: live refresh of {client.Path}: {e.Message.Split('\n')[0]}");
                    }
                }
            });
        }

        return null;
    }

    private async Task CloseAsync()
    {
        if (_page is { } page)
        {
            _page = null;
            if (page.Error is not null)
            {
                stats.Error($"{user.UserName}: {page.Error}");
            }

            await page.DisposeAsync();
        }
    }

    private static JsonObject Click() => new()
    {
        ["type"] = "click", ["detail"] = 1, ["button"] = 0, ["buttons"] = 0, ["screenX"] = 0, ["screenY"] = 0, ["clientX"] = 0, ["clientY"] = 0,
        ["offsetX"] = 0, ["offsetY"] = 0, ["pageX"] = 0, ["pageY"] = 0, ["movementX"] = 0, ["movementY"] = 0,
        ["ctrlKey"] = false, ["shiftKey"] = false, ["altKey"] = false, ["metaKey"] = false,
    };

    private async Task<T> TimedAsync<T>(string kind, Func<Task<T>> action)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await action();
        stats.Add(kind, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return result;
    }

    private static Task Think(Random random) => Task.Delay(BenchmarkSettings.ThinkTime(random));

    public async ValueTask DisposeAsync() => await CloseAsync();

    [GeneratedRegex("<tr data-proposal-id=\"(\\d+)\"")]
    private static partial Regex Rows();
}
