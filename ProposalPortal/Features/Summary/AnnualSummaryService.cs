using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Statistics;
using ProposalPortal.Domain.Summaries;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Statistics;

namespace ProposalPortal.Features.Summary;

/// <summary>
/// A year's summary as the page and the documents show it: the generated opening, the Office's prose as saved (with its
/// fields, for the editor) and as written from the data (<see cref="Text"/>, for reading and printing), and what in the
/// saved prose the data no longer bears out.
/// </summary>
public sealed record SummaryView(
    int Year,
    string Title,
    YearFigures Figures,
    string Opening,
    SummaryProse Prose,
    IReadOnlyList<KeyItem> KeyItems,
    bool Saved,
    int Version,
    string? UpdatedBy,
    DateTimeOffset? UpdatedAt,
    DateOnly Date)
{
    public const string PracticesHeading = "一、主要做法";
    public const string KeyProposalsHeading = "二、重点提案办理情况";
    public const string DifficultiesHeading = "三、存在困难问题";
    public const string NextStepsHeading = "四、下步工作措施";

    /// <summary>What the fields are written from.</summary>
    public SummaryData Data { get; init; } = new(Figures, KeyItems, []);

    /// <summary>The prose with every field written from the data: what the summary reads and prints.</summary>
    public SummaryProse Text { get; init; } = Prose;

    /// <summary>Sentences of the saved prose that contradict the data, with the recomputed ones.</summary>
    public IReadOnlyList<SummaryDiscrepancy> Discrepancies { get; init; } = [];

    /// <summary>落款日期 as printed: 2022年8月22日.</summary>
    public string DateText => ChineseDate.Format(Date);

    /// <summary>The four sections of the seed's outline, in order, as printed.</summary>
    public IReadOnlyList<(string Heading, string Text)> Sections =>
    [
        (PracticesHeading, Text.Practices),
        (KeyProposalsHeading, Text.KeyProposals),
        (DifficultiesHeading, Text.Difficulties),
        (NextStepsHeading, Text.NextSteps),
    ];
}

/// <summary>
/// 年度办理工作总结: the opening and the figures come from <see cref="StatisticsService"/> in the seed's wording
/// (<see cref="SummaryWording"/>), the prose sections from what the Office saved for the year; a year not yet
/// edited starts from a draft that already holds the sentences with numbers.
/// </summary>
public sealed class AnnualSummaryService(
    IDbContextFactory<PortalDbContext> dbFactory,
    StatisticsService statistics,
    PortalClock clock,
    IOptions<PortalOptions> portal,
    SummaryPdf pdf)
{
    public async Task<SummaryView> GetAsync(int year, CancellationToken cancellationToken = default)
    {
        var figures = await statistics.GetYearFiguresAsync(year, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var saved = await db.AnnualSummaries.AsNoTracking().SingleOrDefaultAsync(s => s.Year == year, cancellationToken);
        var keyRows = await db.Proposals.AsNoTracking()
            .Where(p => p.Year == year && p.IsKey && p.State != ProposalState.Returned)
            .Select(p => new { p.Session, p.Number, p.Kind, p.Title, Proposers = p.Proposers.OrderBy(x => x.Order).Select(x => x.Name).ToList() })
            .ToListAsync(cancellationToken);
        var keyItems = keyRows.Select(k => new KeyItem(k.Session, k.Number, k.Kind, k.Title, k.Proposers)).ToList();
        var topicRows = await (
                from t in db.Set<ProposalTopic>().AsNoTracking()
                join p in db.Proposals on EF.Property<int>(t, "ProposalId") equals p.Id
                where p.Year == year && p.Role == HandlingRole.Lead && p.State != ProposalState.Returned
                select new { p.Id, p.Kind, t.Name })
            .ToListAsync(cancellationToken);
        var topics = topicRows.GroupBy(t => t.Name)
            .Select(g => new TopicItems(g.Key,
                g.Where(t => t.Kind == ProposalKind.Suggestion).Select(t => t.Id).Distinct().Count(),
                g.Where(t => t.Kind == ProposalKind.Proposal).Select(t => t.Id).Distinct().Count()))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Topic, StringComparer.Ordinal)
            .ToList();
        var data = new SummaryData(figures, keyItems, topics);

        var today = clock.Today;
        var date = saved?.SignedOn ?? today;
        var opening = SummaryWording.Opening(figures, portal.Value.BureauShortName, date < today ? date : today);
        var title = $"{portal.Value.BureauName}{year}年人大代表建议和政协委员提案办理工作总结";
        var prose = saved?.Prose ?? Draft(keyItems);
        return new SummaryView(year, title, figures, opening, prose, keyItems,
            saved is not null, saved?.Version ?? 0, saved?.UpdatedBy, saved?.UpdatedAt, date)
        {
            Data = data,
            Text = SummarySentences.Write(prose, data),
            Discrepancies = SummarySentences.Check(prose, data),
        };
    }

    /// <summary>
    /// Saves the year's prose (the Office only). <paramref name="expectedVersion"/> is the version the editor opened
    /// (0 for a year not saved yet): if someone saved in between, the save is refused and nothing is overwritten.
    /// </summary>
    public async Task<Result> SaveAsync(int year, SummaryProse prose, int expectedVersion, Actor actor,
        CancellationToken cancellationToken = default)
    {
        if (!actor.Has(StaffRoles.Office))
        {
            return Result.Refused("只有办公室可以编辑年度办理工作总结");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var summary = await db.AnnualSummaries.SingleOrDefaultAsync(s => s.Year == year, cancellationToken);
        if ((summary?.Version ?? 0) != expectedVersion)
        {
            return Result.Refused($"保存未成功：{year}年的总结刚刚已被{summary?.UpdatedBy ?? "他人"}修改。您填写的内容仍保留在本页，请复制后刷新查看。");
        }

        if (summary is null)
        {
            db.AnnualSummaries.Add(new AnnualSummary(year, prose, actor.Name, clock.Now));
        }
        else
        {
            summary.Edit(prose, actor.Name, clock.Now);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok;
        }
        catch (DbUpdateException)
        {
            // A concurrent first save (unique year) or edit (version) got there first.
            return Result.Refused($"保存未成功：{year}年的总结刚刚已被他人修改。您填写的内容仍保留在本页，请复制后刷新查看。");
        }
        catch (TextRefusedException e)
        {
            return Result.Refused(e.Message);
        }
    }

    /// <summary>The year's summary as a Word document.</summary>
    public async Task<byte[]> DocxAsync(int year, CancellationToken cancellationToken = default) =>
        SummaryDocx.Write(await GetAsync(year, cancellationToken), portal.Value.BureauName);

    /// <summary>
    /// The year's summary as a PDF set by the official-document typesetter from the same view as the .docx; null
    /// with the Chinese reason when the fonts cannot print a character of it.
    /// </summary>
    public async Task<Result<byte[]>> PdfAsync(int year, CancellationToken cancellationToken = default)
    {
        var view = await GetAsync(year, cancellationToken);
        return WhyNotPrintable(view) is { } why ? Result.Refused(why) : Result<byte[]>.Ok(pdf.Write(view, portal.Value.BureauName));
    }

    /// <summary>Why the summary cannot be printed as a PDF (characters the fonts lack), or null.</summary>
    public string? WhyNotPrintable(SummaryView view) => pdf.WhyNotPrintable(view, portal.Value.BureauName);

    /// <summary>
    /// The first draft of a year's prose: the seed's outline with a field wherever a sentence with a number from the data
    /// goes (written afresh each time the summary is shown, so it stays true as the data changes), and brackets where
    /// the Office writes. A field the data leaves empty prints nothing: a year without 专题会议 says nothing of one.
    /// </summary>
    internal static SummaryProse Draft(IReadOnlyList<KeyItem> keyItems)
    {
        var characteristics = "{主办件涉及}。{各主题件数}。【今年建议提案的特点】";
        var practices = string.Join("\n",
            "（一）思想统一，认识到位。【组织学习、统一认识的做法】",
            "（二）机构健全，责任落实。{工作会议}。{专题会议：召开专题会议研究部署}。接到市人民政府建议提案交办后，{梳理件数}。【责任落实的做法】",
            "（三）规范要求，提高办理质量。{公开情况}。【提高办理质量的做法】",
            "（四）积极主动，注重工作实效。【办理成效】");
        var keys = keyItems.Count > 0 ? "{重点提案}。【重点提案的办理情况】" : "【重点提案的办理情况；本年无重点提案时可删去本节内容】";
        return new SummaryProse(characteristics, practices, keys, "{同比}。【存在的困难和问题】", "【下步工作措施】", null);
    }
}
