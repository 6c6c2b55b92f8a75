using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProposalPortal.Features.Proposals.Batch;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// A user over HTTP, as a browser without script would be: an HttpClient with its own cookies (the sign-in and the
/// antiforgery cookie) and connections, fetching each page's HTML and checking that it shows what it should.
/// </summary>
internal sealed partial class HttpLoadUser(HttpClient http, LoadUser user, ClientStats stats)
{
    private int _nextItem;

    /// <summary>The HTTP users' process: signs every user in, says READY, runs from GO for the plan's seconds, prints RESULT.</summary>
    public static async Task<int> RunChildAsync(string planPath)
    {
        var plan = JsonSerializer.Deserialize<HttpPlan>(await File.ReadAllTextAsync(planPath))!;
        var stats = new ClientStats();
        var clients = plan.Users.Select(_ => Client(plan.Url, new CookieContainer())).ToList();
        var users = plan.Users.Select((user, i) => new HttpLoadUser(clients[i], user, stats)).ToList();
        // Four at a time: each sign-in hashes the password, as the server does for every sign-in.
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (i, _) => await SignInAsync(clients[i], plan.Users[i].UserName, plan.Password));

        // Warm-up, not measured: 我的待办 is the one page only HTTP users open.
        if (clients.Count > 0)
        {
            (await clients[0].GetAsync(new Uri("/my-work", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        Console.WriteLine($"{users.Count} HTTP users signed in");
        Console.WriteLine("READY");
        if (await Console.In.ReadLineAsync() != "GO")
        {
            return 1;
        }

        stats.Clear();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var end = DateTime.UtcNow.AddSeconds(plan.Seconds);
        await Task.WhenAll(users.Select((u, i) => u.RunAsync(end, new Random(BenchmarkSettings.Seed + 1000 + i))));
        var result = stats.Snapshot() with { CpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds };
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
        foreach (var http in clients)
        {
            http.Dispose();
        }

        return 0;
    }

    /// <summary>An HttpClient that keeps cookies and follows redirects, as a browser does.</summary>
    public static HttpClient Client(string url, CookieContainer cookies) =>
        new(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = true })
        {
            BaseAddress = new Uri(url),
            Timeout = TimeSpan.FromMilliseconds(ManyUsers.ActionTimeoutMs),
        };

    /// <summary>The login form: its antiforgery token, the name and password; the response must be a signed-in page.</summary>
    public static async Task SignInAsync(HttpClient http, string userName, string password)
    {
        var form = await http.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = Token(form) ?? throw new InvalidOperationException("no antiforgery token on the login page"),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        using var response = await http.PostAsync(new Uri("/account/login", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !body.Contains("data-testid=\"current-user\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"sign-in as {userName} failed: {(int)response.StatusCode}");
        }
    }

    /// <summary>
    /// The loop: the list (a varied filter and page), an item from it, then 我的待办 every other round (section staff), or
    /// the Office's batch step (签收 of the next registered item while there are any, then 催办 of its own items).
    /// </summary>
    private async Task RunAsync(DateTime end, Random random)
    {
        await Think(random);
        var round = 0;
        while (DateTime.UtcNow < end)
        {
            var list = await GetAsync("list page (HTTP: HTML)", LoadRoster.ListQuery(user, random), SignedIn);
            await Think(random);
            var rows = list is null ? [] : Rows().Matches(list).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            var id = rows.Count > 0 ? rows[random.Next(rows.Count)] : user.BrowseItems[random.Next(user.BrowseItems.Count)];
            await GetAsync("item page (HTTP: HTML, island prerendered)", $"/proposals/{id}", body => body.Contains("data-testid=\"actions\"", StringComparison.Ordinal));
            await Think(random);
            if (DateTime.UtcNow >= end)
            {
                break;
            }

            if (user.Role == LoadRole.Office)
            {
                await BatchStepAsync(random);
                await Think(random);
            }
            else if (round++ % 2 == 0)
            {
                await GetAsync("我的待办 (HTTP: HTML)", "/my-work", SignedIn);
                await Think(random);
            }
        }
    }

    /// <summary>
    /// The Office's step over HTTP: the list of this year's registered items (for its batch form's token and a row),
    /// then the batch form posted for that one item (签收); once none is left, 催办 of one of its own items.
    /// </summary>
    private async Task BatchStepAsync(Random random)
    {
        var year = BenchmarkSettings.CurrentYear;
        var filter = string.Create(CultureInfo.InvariantCulture, $"?year={year}&state=Registered");
        var list = await GetAsync("list page (HTTP: HTML)", "/proposals" + filter, SignedIn);
        if (list is null)
        {
            return;
        }

        var registered = Rows().Match(list);
        var (action, itemId) = registered.Success
            ? (BatchAction.Accept, int.Parse(registered.Groups[1].Value, CultureInfo.InvariantCulture))
            : (BatchAction.Chase, user.StepItems[_nextItem++ % user.StepItems.Count]);
        if (!registered.Success)
        {
            filter = string.Create(CultureInfo.InvariantCulture, $"?year={year}&state=InProgress");
            list = await GetAsync("list page (HTTP: HTML)", "/proposals" + filter, SignedIn);
            if (list is null)
            {
                return;
            }
        }

        await Think(random);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("_handler", BatchForm.Name),
            new("__RequestVerificationToken", Token(list) ?? string.Empty),
            new(BatchForm.ActionField, action.ToString()),
            new(BatchForm.IdsField, itemId.ToString(CultureInfo.InvariantCulture)),
        };
        if (action == BatchAction.Chase)
        {
            fields.Add(new(BatchForm.MessageField, "请抓紧办理，按时报送答复稿。"));
        }

        using var content = new FormUrlEncodedContent(fields);
        var body = await SendAsync($"step {action} (HTTP: batch form post)", () => http.PostAsync(new Uri("/proposals/batch" + filter, UriKind.Relative), content));
        if (body is not null && !body.Contains("已办理1件，未能办理0件", StringComparison.Ordinal))
        {
            var reason = BatchReason().Match(body);
            stats.Error($"{user.UserName}: batch {action} of item {itemId} refused: {(reason.Success ? WebUtility.HtmlDecode(reason.Groups[1].Value) : "no summary on the page")}");
        }
    }

    private static bool SignedIn(string body) => body.Contains("data-testid=\"current-user\"", StringComparison.Ordinal);

    private Task<string?> GetAsync(string kind, string path, Func<string, bool> check) =>
        SendAsync(kind, () => http.GetAsync(new Uri(path, UriKind.Relative)), check, path);

    /// <summary>Times one request from sending to the whole body read; a status ≥ 400, an exception or a failed check is an error.</summary>
    private async Task<string?> SendAsync(string kind, Func<Task<HttpResponseMessage>> send, Func<string, bool>? check = null, string? path = null)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            stats.Add(kind, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                stats.Error($"{user.UserName}: {kind} {path}: {(int)response.StatusCode}");
                return null;
            }

            if (check is not null && !check(body))
            {
                stats.Error($"{user.UserName}: {kind} {path}: the page does not show what it should ({response.RequestMessage?.RequestUri?.AbsolutePath})");
                return null;
            }

            return body;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            stats.Error($"{user.UserName}: {kind} {path}: {e.GetType().Name} {e.Message}");
            return null;
        }
    }

    private static string? Token(string html) => AntiforgeryToken().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static Task Think(Random random) => Task.Delay(BenchmarkSettings.ThinkTime(random));

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<tr data-proposal-id=\"(\\d+)\"")]
    private static partial Regex Rows();

    [GeneratedRegex("data-testid=\"batch-reason\">([^<]*)<")]
    private static partial Regex BatchReason();
}
