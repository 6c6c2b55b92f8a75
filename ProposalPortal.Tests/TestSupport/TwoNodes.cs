using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// Two real portal processes (<c>dotnet ProposalPortal.dll</c> from the build output) on one fresh PostgreSQL
/// database (on the server the test script starts) and one private Redis, behind a private nginx, with Debian's Chromium. nginx listens on three ports:
/// <see cref="BalancedUrl"/> spreads clients as deploy/nginx.conf does (ip_hash); <see cref="ViaAUrl"/> and
/// <see cref="ViaBUrl"/> keep a client on node A or node B, and fail over to the other when that node is down, which is
/// what ip_hash does for a client whose node dies. The demo data is loaded by node A, started first.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public const string ReadKey = "two-nodes-read-key-5d0e1c";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-nodes-" + Guid.NewGuid().ToString("N")[..8]);
    private RedisServer _redis = null!;
    private Process? _nginx;
    private IPlaywright _playwright = null!;

    public Node A { get; private set; } = null!;
    public Node B { get; private set; } = null!;
    public string BalancedUrl { get; private set; } = null!;
    public string ViaAUrl { get; private set; } = null!;
    public string ViaBUrl { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string DatabaseConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        // A fresh database on the PostgreSQL server the test script starts (PORTAL_TEST_POSTGRESQL), as the provider tests use.
        DatabaseConnectionString = await PostgreSqlServer.CreateDatabaseAsync();
        _redis = await RedisServer.StartAsync();
        Directory.CreateDirectory(Path.Combine(_folder, "shared"));
        A = new Node("A", PrivateServers.FreePort(), Environment(), Path.Combine(Repository.Artifacts, "two-nodes-a.log"));
        await A.StartAsync();
        B = new Node("B", PrivateServers.FreePort(), Environment(), Path.Combine(Repository.Artifacts, "two-nodes-b.log"));
        await B.StartAsync();
        await StartNginxAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        });
        return await context.NewPageAsync();
    }

    public static async Task SignInAsync(IPage page, string baseUrl, string userName)
    {
        await page.GotoAsync(baseUrl + "/account/login");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", ProposalPortal.Features.Account.AccountSeeder.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await BrowserFixture.WaitForCircuitAsync(page);
    }

    private Dictionary<string, string> Environment() => new()
    {
        // Development serves the static web assets from the build output (a published app serves its wwwroot) and
        // loads the demo data into the new database.
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Database__Provider"] = "PostgreSQL",
        ["ConnectionStrings__Portal"] = DatabaseConnectionString,
        ["ConnectionStrings__Redis"] = _redis.ConnectionString,
        ["Nodes__SharedFolder"] = Path.Combine(_folder, "shared"),
        ["Proxy__KnownProxies__0"] = "127.0.0.1",
        ["Api__Keys__0__Key"] = ReadKey,
        ["Api__Keys__0__Name"] = "大屏",
        ["Api__Keys__0__Scopes__0"] = "read",
        ["Backup__NightlyEnabled"] = "false",
        ["Logging__LogLevel__Default"] = "Warning",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    private async Task StartNginxAsync()
    {
        var nginx = PrivateServers.Require("nginx", "nginx");
        var (balanced, viaA, viaB) = (PrivateServers.FreePort(), PrivateServers.FreePort(), PrivateServers.FreePort());
        var prefix = Path.Combine(_folder, "nginx");
        Directory.CreateDirectory(Path.Combine(prefix, "logs"));
        Directory.CreateDirectory(Path.Combine(prefix, "temp"));
        string Server(int port, string upstream) => $$"""
                server {
                    listen 127.0.0.1:{{port}};
                    proxy_http_version 1.1;
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_set_header Connection "";
                    location ~ ^/(_blazor|hubs/) {
                        proxy_pass http://{{upstream}};
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_read_timeout 1h;
                        proxy_buffering off;
                    }
                    location / {
                        proxy_pass http://{{upstream}};
                        proxy_next_upstream error timeout http_502 http_503;
                    }
                }
            """;
        var config = string.Create(CultureInfo.InvariantCulture, $$"""
            daemon off;
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/logs/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/temp/body;
                proxy_temp_path {{prefix}}/temp/proxy;
                fastcgi_temp_path {{prefix}}/temp/fastcgi;
                uwsgi_temp_path {{prefix}}/temp/uwsgi;
                scgi_temp_path {{prefix}}/temp/scgi;
                map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
                upstream balanced { ip_hash; server 127.0.0.1:{{A.Port}} max_fails=1 fail_timeout=5s; server 127.0.0.1:{{B.Port}} max_fails=1 fail_timeout=5s; }
                upstream a_first { server 127.0.0.1:{{A.Port}} max_fails=1 fail_timeout=5s; server 127.0.0.1:{{B.Port}} backup; }
                upstream b_first { server 127.0.0.1:{{B.Port}} max_fails=1 fail_timeout=5s; server 127.0.0.1:{{A.Port}} backup; }
            {{Server(balanced, "balanced")}}
            {{Server(viaA, "a_first")}}
            {{Server(viaB, "b_first")}}
            }
            """);
        var configFile = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(configFile, config);
        var start = new ProcessStartInfo(nginx) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-p", prefix, "-c", configFile, "-e", Path.Combine(prefix, "logs", "error.log") })
        {
            start.ArgumentList.Add(argument);
        }

        _nginx = Process.Start(start)!;
        _nginx.BeginOutputReadLine();
        _nginx.BeginErrorReadLine();
        await PrivateServers.WaitForPortAsync(viaB, _nginx, "nginx");
        (BalancedUrl, ViaAUrl, ViaBUrl) = ($"http://127.0.0.1:{balanced}", $"http://127.0.0.1:{viaA}", $"http://127.0.0.1:{viaB}");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
            _playwright.Dispose();
        }

        if (_nginx is not null)
        {
            PrivateServers.Stop(_nginx);
        }

        A?.Dispose();
        B?.Dispose();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (DatabaseConnectionString is not null)
        {
            await PostgreSqlServer.DropDatabaseAsync(DatabaseConnectionString);
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }

    /// <summary>One portal process.</summary>
    public sealed class Node(string name, int port, Dictionary<string, string> environment, string logFile) : IDisposable
    {
        private Process? _process;
        private readonly StringBuilder _log = new();

        public string Name { get; } = name;
        public int Port { get; } = port;
        public string Url => $"http://127.0.0.1:{Port}";

        /// <summary>What the process wrote, for a failure's message.</summary>
        public string Log
        {
            get
            {
                lock (_log)
                {
                    return _log.ToString();
                }
            }
        }

        public async Task StartAsync()
        {
            var binaries = Path.Combine(Repository.Root, "ProposalPortal", "bin", Configuration, "net10.0");
            var dll = Path.Combine(binaries, "ProposalPortal.dll");
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"{dll} is missing: build the solution first");
            }

            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = binaries,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[] { dll, "--urls", Url, "--contentRoot", binaries })
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            _process = Process.Start(start)!;
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            using var http = new HttpClient();
            var until = DateTime.UtcNow + TimeSpan.FromMinutes(3);
            while (true)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"node {Name} exited ({_process.ExitCode}):\n{Log}");
                }

                try
                {
                    if ((await http.GetAsync(Url + "/readyz")).IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                if (DateTime.UtcNow > until)
                {
                    throw new InvalidOperationException($"node {Name} was not ready within 3 minutes:\n{Log}");
                }

                await Task.Delay(200);
            }
        }

        /// <summary>Ends the process at once, as a node dies (no graceful shutdown).</summary>
        public void Kill()
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }

        public bool HasExited => _process is null || _process.HasExited;

        public void Dispose()
        {
            Kill();
            _process?.Dispose();
            File.WriteAllText(logFile, Log);
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_log)
            {
                _log.AppendLine(line);
            }
        }

        private static string Configuration =>
#if DEBUG
            "Debug";
#else
            "Release";
#endif
    }
}
