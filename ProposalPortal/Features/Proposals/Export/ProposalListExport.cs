using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Features.Proposals.Export;

/// <summary>
/// 建议提案 as the Office keeps them in Excel: the item list's own filter (<see cref="ProposalQueryService.Filtered"/>,
/// the same code the page runs, so the file holds exactly the rows the page counts), as the actor may see them, in
/// the list's order, one row per item with its 五定, reply and result.
/// </summary>
public sealed class ProposalListExport(
    IDbContextFactory<PortalDbContext> dbFactory,
    ProposalQueryService queries,
    IOptionsMonitor<WorkflowOptions> workflow)
{
    /// <summary>The columns, in the order the users asked for them.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "编号", "届次", "标题", "提出人",
        "主办/协办", "科室", "承办人",
        "交办日期", "时限", "答复日期",
        "文号", "类别", "公开", "满意度", "状态",
    ];

    /// <summary>
    /// The filtered list as a workbook; <paramref name="only"/> narrows it to chosen items (a batch's selection), each
    /// still subject to the filter and to what the actor may see.
    /// </summary>
    public async Task<byte[]> XlsxAsync(ProposalQuery filter, ProposalSort sort, IReadOnlyCollection<int>? only, Actor actor,
        CancellationToken cancellationToken = default)
    {
        var rows = await RowsAsync(filter, sort, only, actor, cancellationToken);
        return new XlsxWriter().Sheet("建议提案", Columns, rows).ToBytes();
    }

    /// <summary>The rows as cells: numbers as numbers, dates as <see cref="DateOnly"/> (date cells), the rest as text.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<object?>>> RowsAsync(ProposalQuery filter, ProposalSort sort,
        IReadOnlyCollection<int>? only, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var items = queries.Filtered(db, filter, actor);
        if (only is not null)
        {
            var ids = only.ToList();
            items = items.Where(p => ids.Contains(p.Id));
        }

        var found = await ProposalQueryService.Sorted(items, sort)
            .Select(p => new
            {
                p.Id, p.Number, p.Session, p.Title, p.Role, p.State, p.AssignedOn, p.Deadline, p.ReopenRound,
                Proposers = p.Proposers.OrderBy(x => x.Order).Select(x => x.Name).ToList(),
                LeadProposerId = p.Proposers.OrderBy(x => x.Order).Select(x => (int?)x.Id).FirstOrDefault(),
                SectionId = p.Responsibility == null ? (int?)null : p.Responsibility.SectionId,
                HandlerId = p.Responsibility == null ? (int?)null : p.Responsibility.HandlerId,
                // The latest signed letter: what was answered, under which number, and whether it is public.
                Reply = p.Replies.Where(r => r.Kind == ReplyKind.Letter && r.SignedAt != null).OrderByDescending(r => r.Round)
                    .Select(r => new { r.IssuedOn, r.DocumentNumber, r.Category, r.Disclosure, Published = r.PublishedAt != null })
                    .FirstOrDefault(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        // Each proposer's answers, combined into the item's result by the configured rule, as the figures combine them.
        var answers = (await (
                from e in db.Set<Evaluation>().AsNoTracking()
                join p in items on EF.Property<int>(e, "ProposalId") equals p.Id
                select new { p.Id, e.Round, e.ProposerId, e.Satisfaction })
            .ToListAsync(cancellationToken)).ToLookup(a => a.Id);
        var sections = await db.Sections.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var staff = await db.Staff.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var rule = workflow.CurrentValue.SatisfactionRule;

        string? Satisfaction(int id, int? lead, HandlingRole role, ProposalState state, int reopenRound)
        {
            var mine = answers[id].ToList();
            if (mine.Count == 0 || mine.All(a => a.Round != reopenRound + 1))
            {
                // Closed with no answer to its last reply: 未反馈, as the figures count it.
                if (role == HandlingRole.Lead && state == ProposalState.Closed)
                {
                    return "未反馈";
                }

                if (mine.Count == 0)
                {
                    return null;
                }
            }

            var round = mine.Max(a => a.Round);
            return ItemSatisfaction.Of(rule, mine.Where(a => a.Round == round)
                .Select(a => ((a.ProposerId ?? lead) == lead, a.Satisfaction)).ToList())?.ToChinese();
        }

        return found.Select(r => (IReadOnlyList<object?>)
        [
            r.Number,
            r.Session,
            r.Title,
            string.Join('、', r.Proposers),
            r.Role.ToChinese(),
            r.SectionId is { } s && sections.TryGetValue(s, out var section) ? section : null,
            r.HandlerId is { } h && staff.TryGetValue(h, out var handler) ? handler : null,
            r.AssignedOn,
            r.Deadline,
            r.Reply?.IssuedOn,
            r.Reply?.DocumentNumber,
            r.Reply?.Category?.ToString(),
            r.Reply is null ? null : r.Reply.Published ? "已公开" : r.Reply.Disclosure?.ToChinese(),
            Satisfaction(r.Id, r.LeadProposerId, r.Role, r.State, r.ReopenRound),
            r.State.ToChinese(),
        ]).ToList();
    }
}
