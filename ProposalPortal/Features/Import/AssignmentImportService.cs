using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Proposals;

namespace ProposalPortal.Features.Import;

/// <summary>
/// What an import did: the preview (with every problem), how many items it registered, and the <see cref="Result"/>
/// (refused in Chinese when nothing was registered). The preview comes back refused or not: the page and the API show
/// each row's problems either way, which a <see cref="Result{T}"/> (no value when refused) could not carry.
/// </summary>
public sealed record ImportOutcome(ImportPreview Preview, int Imported, Result Outcome)
{
    public bool Succeeded => Outcome.IsOk && Preview.IsClean;
}

/// <summary>
/// Told after an import has registered items, so that live boards can refresh. The lead wires the boards' notifier
/// here on merge; until then nothing listens.
/// </summary>
public interface IImportListener
{
    Task ItemsImportedAsync(int year, IReadOnlyList<int> proposalIds, CancellationToken cancellationToken);
}

/// <summary>
/// Imports assignment lists (交办清单): reads the file, previews every row's problems, and registers nothing until
/// the file is clean; then all new rows in one transaction through <see cref="ProposalService.RegisterManyAsync"/>,
/// the same registration as by hand. Rows already registered (an earlier import of the same list) are skipped, so
/// importing a list twice adds nothing the second time.
/// </summary>
public sealed class AssignmentImportService(
    IDbContextFactory<PortalDbContext> dbFactory,
    ProposalService proposals,
    IEnumerable<IImportListener> listeners,
    Microsoft.Extensions.Options.IOptions<ImportOptions> options)
{
    /// <summary>Reads and checks the file; changes nothing.</summary>
    public async Task<ImportPreview> PreviewAsync(string fileName, byte[] content, CancellationToken cancellationToken = default)
    {
        var (table, problem) = AssignmentFileReader.Read(fileName, content, options.Value);
        if (table is null)
        {
            return ImportPreview.Refused(fileName, problem!);
        }

        // Only the sessions the file names are looked up, so a 2,000-row list costs one narrow query.
        var column = table.Headers.Select(h => h.Replace(" ", string.Empty, StringComparison.Ordinal)).ToList().IndexOf(AssignmentList.Session);
        var sessions = column < 0 ? [] : table.Rows.Select(r => r.Cell(column).Trim()).Where(s => s.Length > 0).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var registered = (await db.Proposals.AsNoTracking().Where(p => sessions.Contains(p.Session))
                .Select(p => new { p.Session, p.Number, p.Title }).ToListAsync(cancellationToken))
            .ToDictionary(p => (p.Session, p.Number), p => p.Title);
        var (sectionList, staff) = await OrganizationAsync(db, cancellationToken);
        return ResponsibilityColumns.Resolve(AssignmentList.Parse(fileName, table, registered), table, sectionList, staff);
    }

    private static async Task<(List<Section> Sections, List<StaffMember> Staff)> OrganizationAsync(PortalDbContext db,
        CancellationToken cancellationToken) =>
        (await db.Sections.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken),
         await db.Staff.AsNoTracking().ToListAsync(cancellationToken));

    /// <summary>Previews the file again (the data may have changed since) and, when it is clean, registers its new rows.</summary>
    public async Task<ImportOutcome> ImportAsync(string fileName, byte[] content, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.Has(StaffRoles.Office))
        {
            const string officeOnly = "只有办公室可以导入交办清单";
            return new ImportOutcome(ImportPreview.Refused(fileName, officeOnly), 0, Result.Refused(officeOnly));
        }

        var preview = await PreviewAsync(fileName, content, cancellationToken);
        if (!preview.IsClean)
        {
            return new ImportOutcome(preview, 0, Result.Refused($"文件中有{preview.ProblemCount}处问题，未导入任何一件"));
        }

        var rows = preview.NewRows;
        if (rows.Count == 0)
        {
            return new ImportOutcome(preview, 0, Result.Ok);
        }

        // The 五定 of the rows that name one is set in the same transaction as the registration: all or nothing.
        Result FiveFixes(int i, Domain.Proposals.Proposal proposal, WorkflowContext context, List<Section> sections, List<StaffMember> staff) =>
            rows[i].Responsibility is { } r
                ? proposal.SetResponsibility(actor, staff.Single(m => m.Id == r.LeaderId), sections.Single(s => s.Id == r.SectionId),
                    staff.Single(m => m.Id == r.HandlerId), null, context)
                : Result.Ok;
        List<Section> sectionList = [];
        List<StaffMember> staffList = [];
        if (rows.Any(r => r.Responsibility is not null))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            (sectionList, staffList) = await OrganizationAsync(db, cancellationToken);
        }

        var (registered, result) = await proposals.RegisterManyAsync(rows.Select(r => r.Registration!).ToList(), actor,
            (i, p, c) => FiveFixes(i, p, c, sectionList, staffList), cancellationToken);
        if (!result.IsOk)
        {
            return new ImportOutcome(preview, 0, result);
        }

        foreach (var year in registered.GroupBy(p => p.Year))
        {
            foreach (var listener in listeners)
            {
                await listener.ItemsImportedAsync(year.Key, year.Select(p => p.Id).ToList(), cancellationToken);
            }
        }

        return new ImportOutcome(preview, registered.Count, Result.Ok);
    }

    /// <summary>The downloadable template: the columns and one example row.</summary>
    /// <summary>The template's columns: the required ones, then 承办科室 and 承办人, which may stay empty.</summary>
    public static IReadOnlyList<string> TemplateColumns => [.. AssignmentList.Columns, .. ResponsibilityColumns.Columns];

    public static byte[] Template() => new XlsxWriter()
        .Sheet("交办清单", TemplateColumns,
        [
            ["2023", "市政协", "市政协十届二次会议", 12, "关于加快推进某某项目建设的提案", "张三、李四", "主办", "", "市财政局", "2023-03-15", "", "否", "（提案内容）", "", ""],
            ["2023", "州人大", "州人大十一届二次会议", 45, "关于某某问题的建议", "王五", "协办", "州交通运输局", "", "2023/3/15", "2023/4/30", "否", "", "", ""],
        ])
        .ToBytes();
}
