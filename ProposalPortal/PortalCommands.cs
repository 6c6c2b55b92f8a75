using ProposalPortal.Features.Backup;

namespace ProposalPortal;

/// <summary>
/// The portal's commands (<c>ProposalPortal backup FILE</c>, <c>ProposalPortal restore FILE [--force]</c>,
/// <c>ProposalPortal verify-audit</c>), run instead
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
            await output.WriteLineAsync($"用法:ProposalPortal {command.Usage}");
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
        await output.WriteLineAsync($"已备份到 {result.File}({result.Bytes / 1024.0 / 1024.0:0.0} MB):" +
            $"建议提案{counts.Items}件,签发的答复函{counts.Letters}份,附件{counts.Attachments}个,共{result.Manifest.Entries.Count}个文件");
        return 0;
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
        await output.WriteLineAsync($"已从 {Path.GetFullPath(file)} 恢复:数据库 {locations.DatabaseFile},附件 {locations.AttachmentsFolder}," +
            $"密钥 {locations.KeysFolder}。请启动门户。");
        return 0;
    }
}
