using ProposalPortal.Domain.Organization;

namespace ProposalPortal.Features.Import;

/// <summary>
/// The 五定 a row of the list brings: its 承办科室 and 承办人, with the section's deputy director in charge as the
/// responsible leader (定领导), as the 落实五定 dialog proposes it.
/// </summary>
public sealed record ImportedResponsibility(int SectionId, string SectionName, int HandlerId, string HandlerName, int LeaderId);

/// <summary>
/// The two optional columns of the assignment list, 承办科室 and 承办人: when a row names both, the import sets the 五定
/// with the registration (and the item starts handling as soon as it is 签收). A name the portal does not know is a
/// problem of that row, and, like every problem, stops the whole import.
/// </summary>
public static class ResponsibilityColumns
{
    public const string Section = "承办科室";
    public const string Handler = "承办人";

    /// <summary>The columns, in the template's order after the required ones.</summary>
    public static readonly IReadOnlyList<string> Columns = [Section, Handler];

    /// <summary>
    /// Adds to each row of <paramref name="preview"/> the 五定 its cells name, or the problems with them. A list without
    /// these columns, or a row that leaves both empty, is registered without 五定 as before.
    /// </summary>
    public static ImportPreview Resolve(ImportPreview preview, SpreadsheetTable table, IReadOnlyList<Section> sections,
        IReadOnlyList<StaffMember> staff)
    {
        ArgumentNullException.ThrowIfNull(preview);
        ArgumentNullException.ThrowIfNull(table);
        var headers = table.Headers.Select(h => h.Replace(" ", string.Empty, StringComparison.Ordinal)
            .Replace("\u3000", string.Empty, StringComparison.Ordinal).Trim('*', ' ')).ToList();
        var (sectionColumn, handlerColumn) = (headers.IndexOf(Section), headers.IndexOf(Handler));
        if ((sectionColumn < 0 && handlerColumn < 0) || preview.FileProblems.Count > 0)
        {
            return preview;
        }

        var cells = table.Rows.ToDictionary(r => r.Line, r => (Section: r.Cell(sectionColumn).Trim(), Handler: r.Cell(handlerColumn).Trim()));
        var rows = preview.Rows.Select(row => cells.TryGetValue(row.Line, out var c) && !row.AlreadyRegistered
            ? Resolve(row, c.Section, c.Handler, sections, staff)
            : row).ToList();
        return preview with { Rows = rows };
    }

    private static ImportRow Resolve(ImportRow row, string sectionName, string handlerName, IReadOnlyList<Section> sections,
        IReadOnlyList<StaffMember> staff)
    {
        if (sectionName.Length == 0 && handlerName.Length == 0)
        {
            return row;
        }

        var (responsibility, problem) = Find(sectionName, handlerName, sections, staff);
        if (problem is not null)
        {
            return row with { Problems = [.. row.Problems, problem], Registration = null };
        }

        return row with { Responsibility = responsibility };
    }

    private static (ImportedResponsibility? Responsibility, string? Problem) Find(string sectionName, string handlerName,
        IReadOnlyList<Section> sections, IReadOnlyList<StaffMember> staff)
    {
        if (sectionName.Length == 0)
        {
            return (null, $"填写了承办人“{handlerName}”，但承办科室为空（落实五定须同时填写承办科室和承办人）");
        }

        if (handlerName.Length == 0)
        {
            return (null, $"填写了承办科室“{sectionName}”，但承办人为空（落实五定须同时填写承办科室和承办人）");
        }

        var section = sections.FirstOrDefault(s => s.Name == sectionName);
        if (section is null)
        {
            return (null, $"承办科室“{sectionName}”不存在（现有科室：{string.Join("、", sections.Select(s => s.Name))}）");
        }

        var handlers = staff.Where(m => m.IsActive && m.SectionId == section.Id && m.Has(StaffRoles.SectionStaff) && m.Name == handlerName).ToList();
        if (handlers.Count == 0)
        {
            return (null, $"承办人“{handlerName}”不是{section.Name}的在岗人员");
        }

        if (handlers.Count > 1)
        {
            return (null, $"{section.Name}有{handlers.Count}位“{handlerName}”，无法区分，请导入后在该件页面落实五定");
        }

        var leader = staff.FirstOrDefault(m => m.Id == section.DeputyDirectorId && m.IsActive && m.IsLeader);
        if (leader is null)
        {
            return (null, $"{section.Name}未设在岗的分管副局长，无法确定责任领导，请先在科室管理中设置");
        }

        return (new ImportedResponsibility(section.Id, section.Name, handlers[0].Id, handlers[0].Name, leader.Id), null);
    }
}
