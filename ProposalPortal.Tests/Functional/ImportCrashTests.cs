using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;
using ProposalPortal.Tests.Features.Import;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>
/// The real portal as its own process, killed with SIGKILL in the middle of a large import: after the restart the
/// database is intact and holds the whole list or none of it.
/// </summary>
public sealed class ImportCrashTests(ITestOutputHelper output) : IDisposable
{
    private const string ApiKey = "crash-test-import-key-0123456789abcdef";
    private const string Session = "市政协十届三次会议";
    private const int Rows = 2000;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly string _folder = TestPortal.NewFolder();
    private string Database => Path.Combine(_folder, "portal.db");

    [Fact]
    public async Task AKilledImportLeavesAnIntactDatabaseWithAllOrNothing()
    {
        Directory.CreateDirectory(_folder);
        var list = ImportFiles.Csv(Enumerable.Range(1, Rows).Select(n => new[]
        {
            "2024", "市政协", Session, n.ToString(System.Globalization.CultureInfo.InvariantCulture), $"关于崩溃测试第{n}号事项的提案",
            "张三、李四", "主办", "", "", "2024-03-15", "", "否", "建议",
        }), new UTF8Encoding(false), bom: true);

        using (var portal = await PortalProcess.StartAsync(_folder, Database))
        {
            using var client = portal.Client();
            var import = client.PostAsync("/api/v1/imports", Upload(list));

            // The signal: the portal logs its first insert of the import's items, inside the one transaction.
            await portal.WaitForLineAsync(line => line.Contains("INSERT INTO \"Proposals\"", StringComparison.Ordinal));
            portal.Kill();

            try
            {
                await import;
            }
            catch (HttpRequestException)
            {
                // The connection dropped with the process, as it should. (Had the commit won the race, the answer came.)
            }
        }

        using (var restarted = await PortalProcess.StartAsync(_folder, Database))
        {
            await using (var connection = new SqliteConnection($"Data Source={Database};Pooling=False"))
            {
                await connection.OpenAsync();
                Assert.Equal("ok", await SqliteScalar.ReadAsync(connection, "PRAGMA integrity_check;"));
                var imported = int.Parse(await SqliteScalar.ReadAsync(connection, $"SELECT COUNT(*) FROM Proposals WHERE Session = '{Session}'"),
                    System.Globalization.CultureInfo.InvariantCulture);
                output.WriteLine($"after the crash: {imported} of {Rows} items");
                Assert.True(imported is 0 or Rows, $"{imported} of {Rows} rows survived the crash");
                var orphans = await SqliteScalar.ReadAsync(connection,
                    "SELECT COUNT(*) FROM AuditEntries a WHERE NOT EXISTS (SELECT 1 FROM Proposals p WHERE p.Id = a.ProposalId)");
                Assert.Equal("0", orphans);
            }

            // The same list goes in whole after the restart.
            using var client = restarted.Client();
            var again = await client.PostAsync("/api/v1/imports", Upload(list));
            Assert.True(again.IsSuccessStatusCode, await again.Content.ReadAsStringAsync());
            await using var check = new SqliteConnection($"Data Source={Database};Pooling=False");
            await check.OpenAsync();
            Assert.Equal(Rows.ToString(System.Globalization.CultureInfo.InvariantCulture),
                await SqliteScalar.ReadAsync(check, $"SELECT COUNT(*) FROM Proposals WHERE Session = '{Session}'"));
        }
    }

    private static MultipartFormDataContent Upload(byte[] list)
    {
        var file = new ByteArrayContent(list);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", "交办清单.csv" } };
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }

    /// <summary>The built portal (ProposalPortal.dll beside the tests) as a child process on a free port.</summary>
    private sealed class PortalProcess : IDisposable
    {
        private readonly Process _process;
        private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

        private PortalProcess(Process process) => _process = process;

        public Uri BaseAddress { get; private set; } = null!;

        public static async Task<PortalProcess> StartAsync(string folder, string database)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ProposalPortal.dll"));
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add("http://127.0.0.1:0");
            foreach (var (key, value) in new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Portal"] = $"Data Source={database}",
                ["Demo__Enabled"] = "false",
                ["Admin__InitialPassword"] = RealDeploymentFactory.InitialPassword,
                ["Api__Keys__0__Key"] = ApiKey,
                ["Api__Keys__0__Name"] = "交办系统",
                ["Api__Keys__0__Scopes__0"] = "import",
                ["Attachments__Folder"] = Path.Combine(folder, "attachments"),
                ["Letters__Signing__Folder"] = Path.Combine(folder, "signing"),
                ["Public__BaseUrl"] = "https://jyta.example.gov.cn",
                ["Backup__NightlyEnabled"] = "false",
                ["Supervision__DeadlineMonitorEnabled"] = "false",
                ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
                ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
                ["Logging__Console__FormatterName"] = "systemd",
            })
            {
                start.Environment[key] = value;
            }

            var process = new PortalProcess(Process.Start(start)!);
            process._process.OutputDataReceived += (_, e) => process.Receive(e.Data);
            process._process.ErrorDataReceived += (_, e) => process.Receive(e.Data);
            process._process.BeginOutputReadLine();
            process._process.BeginErrorReadLine();
            var listening = await process.WaitForLineAsync(line => line.Contains("Now listening on: ", StringComparison.Ordinal));
            process.BaseAddress = new Uri(listening[(listening.IndexOf("http", StringComparison.Ordinal))..].Trim());
            return process;
        }

        public HttpClient Client()
        {
            var client = new HttpClient { BaseAddress = BaseAddress, Timeout = Patience };
            client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
            return client;
        }

        private void Receive(string? line)
        {
            if (line is null)
            {
                _lines.Writer.TryComplete();
            }
            else
            {
                _lines.Writer.TryWrite(line);
            }
        }

        /// <summary>Waits for the first output line that matches; fails when the process ends or falls silent for too long.</summary>
        public async Task<string> WaitForLineAsync(Func<string, bool> match)
        {
            using var timeout = new CancellationTokenSource(Patience);
            var seen = new StringBuilder();
            try
            {
                await foreach (var line in _lines.Reader.ReadAllAsync(timeout.Token))
                {
                    if (match(line))
                    {
                        return line;
                    }

                    seen.AppendLine(line);
                }
            }
            catch (OperationCanceledException)
            {
                // Reported below with what the portal said.
            }

            Assert.Fail($"the portal never printed the awaited line; its output:\n{seen}");
            return string.Empty;
        }

        /// <summary>SIGKILL: no shutdown, no flush, no rollback by the process itself.</summary>
        public void Kill()
        {
            _process.Kill();
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }

            _process.Dispose();
        }
    }
}
