using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Statistics;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Features.Administration;

/// <summary>A rule the Admin changed in the portal: its value, who changed it and when.</summary>
public sealed record RuleOverride(string Key, string Value, string ChangedByName, DateTimeOffset ChangedAt);

/// <summary>
/// 办理规则 edited in the portal. A change is checked as a whole (the options classes say what is sound), refused
/// when someone else changed the same rule since the page was opened, stored in <c>RuleSettings</c>, and takes
/// effect at once through the configuration reload. Removing a change returns the rule to the configuration files.
/// Each rule changed is recorded, with its value before and after, in the same save.
/// </summary>
public sealed class RuleSettingsService(IDbContextFactory<PortalDbContext> dbFactory, IConfiguration configuration, PortalClock clock,
    Audit.AdminAuditLog audit)
{
    /// <summary>Every rule the portal lets the Admin change: each property of the three rule option classes.</summary>
    public static readonly IReadOnlySet<string> EditableKeys = new HashSet<string>(
        Keys(DeadlineOptions.SectionName, typeof(DeadlineOptions))
            .Concat(Keys(WorkflowOptions.SectionName, typeof(WorkflowOptions)))
            .Concat(Keys(StatisticsOptions.SectionName, typeof(StatisticsOptions))),
        StringComparer.OrdinalIgnoreCase);

    public static string Key(string section, string property) => $"{section}:{property}";

    public async Task<IReadOnlyDictionary<string, RuleOverride>> OverridesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<RuleSetting>().AsNoTracking()
            .ToDictionaryAsync(s => s.Key, s => new RuleOverride(s.Key, s.Value, s.ChangedByName, s.ChangedAt),
                StringComparer.OrdinalIgnoreCase, cancellationToken);
    }

    /// <summary>The value in force now, as the configuration gives it (null: the code's default).</summary>
    public string? Current(string key) => configuration[key];

    /// <param name="changes">Key → new value; a null value removes the portal's change (back to the configuration files).</param>
    /// <param name="seen">Key → the value in force when the Admin opened the page, to refuse overwriting a colleague's change.</param>
    public async Task<Result> SaveAsync(Actor actor, IReadOnlyDictionary<string, string?> changes,
        IReadOnlyDictionary<string, string?> seen, CancellationToken cancellationToken = default)
    {
        if (!actor.Has(StaffRoles.Admin))
        {
            return Result.Refused("只有系统管理员可以修改办理规则");
        }

        if (changes.Keys.FirstOrDefault(k => !EditableKeys.Contains(k)) is { } unknown)
        {
            return Result.Refused($"未知的规则：{unknown}");
        }

        foreach (var key in changes.Keys)
        {
            if (seen.TryGetValue(key, out var before) && !string.Equals(before, Current(key), StringComparison.Ordinal))
            {
                return Result.Refused($"规则 {key} 已被他人修改为“{Current(key) ?? "默认值"}”，请查看最新值后再修改；您的修改未保存");
            }
        }

        var problems = Problems(changes);
        if (problems.Count > 0)
        {
            return Result.Refused(string.Join("；", problems) + "；规则未修改");
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var stored = await db.Set<RuleSetting>().ToDictionaryAsync(s => s.Key, StringComparer.OrdinalIgnoreCase, cancellationToken);
            foreach (var (key, value) in changes)
            {
                var found = stored.GetValueOrDefault(key);
                var before = found is null ? InFiles(key) : found.Value;
                if (value is null)
                {
                    if (found is null) continue;
                    db.Remove(found);
                    audit.Add(db, actor, Audit.AdminActions.RuleChange, $"办理规则 {key}", before, $"{InFiles(key)}（恢复为配置文件中的值）");
                }
                else if (found is null || found.Value != value)
                {
                    if (found is null) db.Add(new RuleSetting(key, value, actor.StaffId, actor.Name, clock.Now));
                    else found.Change(value, actor.StaffId, actor.Name, clock.Now);
                    audit.Add(db, actor, Audit.AdminActions.RuleChange, $"办理规则 {key}", before, value);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        // The options monitors see the new values at once: deadlines, reminders and guards apply from the next call.
        (configuration as IConfigurationRoot)?.Reload();
        return Result.Ok;
    }

    private string InFiles(string key) => BelowPortal(key) ?? "默认值";

    /// <summary>The rules as they would be after <paramref name="changes"/>, checked by the options classes themselves.</summary>
    private List<string> Problems(IReadOnlyDictionary<string, string?> changes)
    {
        var overlay = changes.ToDictionary(c => c.Key, c => c.Value ?? BelowPortal(c.Key));
        var candidate = new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(overlay).Build();
        try
        {
            var deadlines = candidate.GetSection(DeadlineOptions.SectionName).Get<DeadlineOptions>() ?? new();
            var workflow = candidate.GetSection(WorkflowOptions.SectionName).Get<WorkflowOptions>() ?? new();
            candidate.GetSection(StatisticsOptions.SectionName).Get<StatisticsOptions>();
            return [.. deadlines.Problems(), .. workflow.Problems()];
        }
        catch (InvalidOperationException)
        {
            return ["规则的值须为整数或开关"];
        }
    }

    /// <summary>What a rule falls back to when the portal's change is removed: the files and environment below it.</summary>
    private string? BelowPortal(string key) =>
        (configuration as IConfigurationRoot)?.Providers.Reverse()
            .Where(p => p is not RuleSettingsConfigurationProvider)
            .Select(p => p.TryGet(key, out var value) ? value : null)
            .FirstOrDefault(v => v is not null);

    private static IEnumerable<string> Keys(string section, Type options) =>
        options.GetProperties().Where(p => p.CanWrite).Select(p => Key(section, p.Name));
}
