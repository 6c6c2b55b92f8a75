using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Administration.Audit;
using ProposalPortal.Features.Common;
using static ProposalPortal.Features.Administration.AdminChecks;

namespace ProposalPortal.Features.Administration.Sections;

/// <summary>A section as the administration page lists it.</summary>
/// <param name="RobotWebhookUrl">The group robot's webhook (企业微信 or 钉钉), for the administrator's editor only.</param>
public sealed record SectionRow(int Id, string Name, int? DeputyDirectorId, string? DeputyName, int StaffCount, string? RobotWebhookUrl = null);

/// <summary>
/// The Admin's sections (科室) and their 分管副局长. Every call takes the acting <see cref="Actor"/> and is refused unless
/// they are 系统管理员; a refused call says why in Chinese and saves nothing. Every change is saved together with its
/// record in <see cref="AdminAuditLog"/> (who, when, before and after).
/// </summary>
public sealed class SectionAdministration(IDbContextFactory<PortalDbContext> dbFactory, AdminAuditLog audit)
{
    public async Task<Result<IReadOnlyList<SectionRow>>> SectionsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "查看科室设置") is { } refused)
        {
            return Result.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var staff = await db.Staff.AsNoTracking().ToListAsync(cancellationToken);
        var sections = await db.Sections.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var names = staff.ToDictionary(s => s.Id, s => s.Name);
        IReadOnlyList<SectionRow> rows =
        [
            .. sections.Select(s => new SectionRow(
                s.Id, s.Name, s.DeputyDirectorId,
                s.DeputyDirectorId is { } d ? names.GetValueOrDefault(d) : null,
                staff.Count(m => m.IsActive && m.SectionId == s.Id), s.RobotWebhookUrl)),
        ];
        return Result<IReadOnlyList<SectionRow>>.Ok(rows);
    }

    /// <summary>Adds a section, optionally with the 分管副局长 who reviews its replies.</summary>
    public async Task<Result<int>> AddSectionAsync(Actor actor, string name, int? deputyDirectorId, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "新增科室") is { } refused)
        {
            return Result.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var error = CheckSectionName(name) ?? await CheckUniqueSectionNameAsync(db, name, null, cancellationToken);
        if (error is null && deputyDirectorId is { } deputy)
        {
            error = await CheckDeputyAsync(db, deputy, cancellationToken);
        }

        if (error is not null)
        {
            return Result.Refused(error);
        }

        var section = new Section(name, deputyDirectorId);
        db.Sections.Add(section);
        audit.Add(db, actor, AdminActions.AddSection, $"科室 {section.Name}", null, await DescribeSectionAsync(db, section, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return Result<int>.Ok(section.Id);
    }

    public async Task<Result> RenameSectionAsync(Actor actor, int sectionId, string name, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "修改科室名称") is { } refused)
        {
            return Result.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var section = await db.Sections.SingleOrDefaultAsync(s => s.Id == sectionId, cancellationToken);
        if (section is null)
        {
            return Result.Refused("该科室不存在");
        }

        if ((CheckSectionName(name) ?? await CheckUniqueSectionNameAsync(db, name, sectionId, cancellationToken)) is { } error)
        {
            return Result.Refused(error);
        }

        var before = section.Name;
        section.Rename(name);
        audit.Add(db, actor, AdminActions.RenameSection, $"科室 {before}", $"名称：{before}", $"名称：{section.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary>Sets the 分管副局长 of a section; they must be an active deputy director.</summary>
    public async Task<Result> SetSectionDeputyAsync(Actor actor, int sectionId, int deputyDirectorId, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "设置科室的分管领导") is { } refused)
        {
            return Result.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var section = await db.Sections.SingleOrDefaultAsync(s => s.Id == sectionId, cancellationToken);
        if (section is null)
        {
            return Result.Refused("该科室不存在");
        }

        if (await CheckDeputyAsync(db, deputyDirectorId, cancellationToken) is { } error)
        {
            return Result.Refused(error);
        }

        var before = await DescribeSectionAsync(db, section, cancellationToken);
        section.AssignDeputy(deputyDirectorId);
        audit.Add(db, actor, AdminActions.SectionDeputy, $"科室 {section.Name}", before, await DescribeSectionAsync(db, section, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary>
    /// Sets or clears the webhook of the section's 企业微信 or 钉钉 group robot, where the notices of its people who chose
    /// it are posted. The record names the robot's kind, not the address: the key in it lets anyone post to the group.
    /// </summary>
    public async Task<Result> SetSectionRobotAsync(Actor actor, int sectionId, string? webhookUrl, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "设置科室群机器人") is { } refused)
        {
            return Result.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var section = await db.Sections.SingleOrDefaultAsync(s => s.Id == sectionId, cancellationToken);
        if (section is null)
        {
            return Result.Refused("该科室不存在");
        }

        var before = DescribeRobot(section.RobotWebhookUrl);
        var result = section.SetRobotWebhook(webhookUrl);
        if (!result.IsOk)
        {
            return result;
        }

        audit.Add(db, actor, AdminActions.SectionRobot, $"科室 {section.Name}", before, DescribeRobot(section.RobotWebhookUrl));
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary>The robot's kind, as the table shows it.</summary>
    public static string RobotKindName(string? webhookUrl) => ProposalPortal.Domain.Notices.GroupRobot.KindOf(webhookUrl) switch
    {
        ProposalPortal.Domain.Notices.DeliveryChannel.WeCom => "企业微信",
        ProposalPortal.Domain.Notices.DeliveryChannel.DingTalk => "钉钉",
        _ => "未设置",
    };

    private static string DescribeRobot(string? webhookUrl) => "群机器人：" + RobotKindName(webhookUrl);

    private static async Task<string> DescribeSectionAsync(PortalDbContext db, Section section, CancellationToken cancellationToken)
    {
        var deputy = section.DeputyDirectorId is { } id
            ? await db.Staff.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        return $"名称：{section.Name}；分管领导：{deputy ?? "未设置"}";
    }

    private static string? CheckSectionName(string? name) => CheckText(name, "科室名称", required: true, NameMaxLength);

    private static async Task<string?> CheckUniqueSectionNameAsync(PortalDbContext db, string name, int? except, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim();
        return await db.Sections.AnyAsync(s => s.Name == trimmed && s.Id != except, cancellationToken)
            ? $"已有名为“{trimmed}”的科室"
            : null;
    }

    private static async Task<string?> CheckDeputyAsync(PortalDbContext db, int deputyId, CancellationToken cancellationToken)
    {
        var deputy = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == deputyId, cancellationToken);
        return deputy switch
        {
            null => "所选分管领导不存在",
            { IsActive: false } => $"{deputy.Name}已停用，不能分管科室",
            _ when !deputy.Has(StaffRoles.DeputyDirector) => $"分管领导须为分管副局长，{deputy.Name}不是分管副局长",
            _ => null,
        };
    }
}
