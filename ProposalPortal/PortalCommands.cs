using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProposalPortal.Data;
using ProposalPortal.Features.Backup;
using ProposalPortal.Features.Statistics;

namespace ProposalPortal;

/// <summary>
/// The portal's commands (<c>ProposalPortal backup FILE</c>, <c>ProposalPortal restore FILE [--force]</c>,
/// <c>ProposalPortal verify-audit</c>, <c>ProposalPortal copy-data --to-provider PostgreSQL --to "…"</c>), run instead
/// of the web host. Each command gets the same configuration as the portal (appsettings, environment, and any
/// <c>--Key=Value</c> after its own arguments) and the portal's core services. Add a command with one line in
/// <see cref="Commands"/>.
/// </summary>
public static class PortalCommands
{
    private delegate Task<int> Command(IServiceProvider services, IReadOnlyList<string> arguments, TextWriter output);

    private static readonly Dictionary<string, (string Usage, Command Run)> Commands = new(StringComparer.OrdinalIgnoreCase)
    {
        ["backup"] = ("backup <文件.zip>", BackupAsync),
        ["restore"] = ("restore <文件.zip> [--force]", RestoreAsync),
        [DataCopy.Command] = (DataCopy.Usage, CopyDataAsync),
        [Features.Administration.Audit.AuditVerification.Command] = (Features.Administration.Audit.AuditVerification.Command,
            (services, _, output) => Features.Administration.Audit.AuditVerification.RunCommandAsync(
                services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>().ContentRootPath, output)),
    };

    /// <summary>
    /// Runs the command named by the first argument and returns its exit code; null when the arguments name no
    /// command (then the portal starts as usual).
    /// </summary>
    public static async Task<int?> TryRunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        if (args.Length == 0 || !Commands.TryGetValue(args[0], out var command))
        {
            return null;
        }

        // The command's own words (file, --force) stay with it; --Key=Value settings go to the configuration.
        var own = args.Skip(1).Where(a => !IsSetting(a)).ToList();
        var settings = args.Skip(1).Where(IsSetting).ToArray();
        var builder = WebApplication.CreateBuilder(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPortalCore(builder.Configuration, builder.Environment.ContentRootPath);
        await using var services = builder.Services.BuildServiceProvider();
        try
        {
            return await command.Run(services, own, output);
        }
        catch (ArgumentException)
        {
            await output.WriteLineAsync($"用法：ProposalPortal {command.Usage}");
            return 2;
        }
    }

    private static bool IsSetting(string argument) => argument.StartsWith("--", StringComparison.Ordinal) && argument.Contains('=', StringComparison.Ordinal);

    private static string FileArgument(IReadOnlyList<string> arguments) =>
        arguments.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? throw new ArgumentException("no file");

    private static async Task<int> BackupAsync(IServiceProvider services, IReadOnlyList<string> arguments, TextWriter output)
    {
        var file = FileArgument(arguments);
        var result = await services.GetRequiredService<BackupService>().CreateAsync(file, "命令行");
        if (!result.Outcome.IsOk)
        {
            await output.WriteLineAsync(result.Outcome.Error);
            return 1;
        }

        var counts = result.Manifest!.Counts;
        await output.WriteLineAsync($"已备份到 {result.File}（{result.Bytes / 1024.0 / 1024.0:0.0} MB）：" +
            $"建议提案{counts.Items}件，签发的答复函{counts.Letters}份，附件{counts.Attachments}个，共{result.Manifest.Entries.Count}个文件");
        return 0;
    }

    /// <summary>
    /// <c>copy-data --to-provider PostgreSQL --to "…"</c>: the configured SQLite database into an empty PostgreSQL one
    /// (<see cref="DataCopy"/>), then every year's figures computed by the statistics service on both must agree.
    /// </summary>
    private static async Task<int> CopyDataAsync(IServiceProvider services, IReadOnlyList<string> arguments, TextWriter output)
    {
        var provider = ValueAfter(arguments, "--to-provider");
        var to = ValueAfter(arguments, "--to");
        if (provider is null || string.IsNullOrWhiteSpace(to))
        {
            throw new ArgumentException("missing --to-provider or --to");
        }

        if (!string.Equals(provider, nameof(DatabaseProvider.PostgreSQL), StringComparison.OrdinalIgnoreCase))
        {
            await output.WriteLineAsync($"目前只能复制到 PostgreSQL（--to-provider PostgreSQL），不支持“{provider}”。");
            return 2;
        }

        var config = services.GetRequiredService<IConfiguration>();
        if (DatabaseOptions.ProviderOf(config) != DatabaseProvider.Sqlite)
        {
            await output.WriteLineAsync("源数据库须为 SQLite：请在 Database:Provider 为 Sqlite（默认）的配置下运行此命令。");
            return 2;
        }

        var contentRoot = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        var from = PortalServices.ResolveConnectionString(config, contentRoot);
        await output.WriteLineAsync($"正在把 {from} 复制到 PostgreSQL……");
        var refusal = await DataCopy.CopyAsync(from, to, output, () => CompareFiguresAsync(services, config, contentRoot, to));
        if (refusal is not null)
        {
            await output.WriteLineAsync(refusal);
            return 1;
        }

        await output.WriteLineAsync("复制完成。把 Database__Provider=PostgreSQL 和 ConnectionStrings__Portal 改为目标库后启动门户。");
        return 0;
    }

    /// <summary>Every year's figures on the source and on the target, as the statistics page computes them.</summary>
    private static async Task<string?> CompareFiguresAsync(IServiceProvider sourceServices, IConfiguration config, string contentRoot, string target)
    {
        var targetConfig = new ConfigurationBuilder().AddConfiguration(config).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.PostgreSQL),
            ["ConnectionStrings:Portal"] = target,
        }).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(targetConfig);
        collection.AddLogging();
        // The same clock on both sides: the figures of the current year count what is overdue "today".
        collection.TryAddSingleton(sourceServices.GetRequiredService<TimeProvider>());
        collection.AddPortalCore(targetConfig, contentRoot);
        await using var targetServices = collection.BuildServiceProvider();
        await using var sourceScope = sourceServices.CreateAsyncScope();
        await using var targetScope = targetServices.CreateAsyncScope();
        var before = sourceScope.ServiceProvider.GetRequiredService<StatisticsService>();
        var after = targetScope.ServiceProvider.GetRequiredService<StatisticsService>();
        foreach (var year in await before.YearsAsync())
        {
            var expected = Canonical(JsonSerializer.SerializeToNode(await before.GetYearFiguresAsync(year)));
            var actual = Canonical(JsonSerializer.SerializeToNode(await after.GetYearFiguresAsync(year)));
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                // Name where they part, so that an operator (and a failing test) sees which figure differs.
                var at = expected.Zip(actual).TakeWhile(pair => pair.First == pair.Second).Count();
                var from = Math.Max(0, at - 60);
                return $"复制后核对不符：{year}年度的统计数字与源库不同（源库：…{expected[from..Math.Min(expected.Length, at + 60)]}…；" +
                    $"目标库：…{actual[from..Math.Min(actual.Length, at + 60)]}…）";
            }
        }

        return null;
    }

    /// <summary>
    /// JSON with every object's properties in name order: a dictionary of counts (e.g. meetings by kind) comes back in
    /// whatever order the engine grouped it, which is no difference in the figures.
    /// </summary>
    private static string Canonical(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        System.Text.Json.Nodes.JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };

    private static string? ValueAfter(IReadOnlyList<string> arguments, string name)
    {
        var at = arguments.ToList().FindIndex(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
        return at >= 0 && at + 1 < arguments.Count ? arguments[at + 1] : null;
    }

    private static async Task<int> RestoreAsync(IServiceProvider services, IReadOnlyList<string> arguments, TextWriter output)
    {
        var file = FileArgument(arguments);
        var force = arguments.Contains("--force", StringComparer.Ordinal);
        var refusal = await services.GetRequiredService<BackupService>().RestoreAsync(file, force, "命令行");
        if (refusal is not null)
        {
            await output.WriteLineAsync(refusal);
            return 1;
        }

        var locations = services.GetRequiredService<DataLocations>();
        await output.WriteLineAsync($"已从 {Path.GetFullPath(file)} 恢复：数据库 {locations.DatabaseFile}，附件 {locations.AttachmentsFolder}，" +
            $"密钥 {locations.KeysFolder}。请启动门户。");
        return 0;
    }
}
