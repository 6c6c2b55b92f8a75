using Microsoft.Extensions.Options;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Statistics;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Organization;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Proposals.Export;

namespace ProposalPortal.Features.Statistics;

/// <summary>One figure as the page and the export show it: name, value, and how it is counted.</summary>
public sealed record FigureLine(string Key, string Name, string Value, string Definition);

/// <summary>
/// The statistics page's content as rows (the page and the .xlsx exports show the same lines), and the exports:
/// the figures with their definitions and breakdowns, and the year's item list.
/// </summary>
public sealed class StatisticsExport(
    StatisticsService statistics,
    ProposalQueryService query,
    OrganizationService organization,
    PortalClock clock,
    IOptionsMonitor<StatisticsOptions> options,
    ProposalListExport list,
    IOptions<PortalOptions> portal)
{
    /// <summary>Every headline figure of the year, in the page's order.</summary>
    public IReadOnlyList<FigureLine> Lines(YearFigures f)
    {
        var o = options.CurrentValue;
        static string Fraction(Rate r) => r.Denominator == 0 ? "—" : $"{r}（{r.Numerator}/{r.Denominator}）";
        return
        [
            new("received", "收到件数", f.Received.ToString(System.Globalization.CultureInfo.InvariantCulture), FigureDefinitions.Received),
            new("lead", "主办件", f.Lead.ToString(System.Globalization.CultureInfo.InvariantCulture), FigureDefinitions.Lead),
            new("assisting", "协办件", f.Assisting.ToString(System.Globalization.CultureInfo.InvariantCulture), FigureDefinitions.Assisting),
            new("completion", "办结率", Fraction(f.CompletionRate), FigureDefinitions.CompletionRate),
            new("on-time", "按时办结率", Fraction(f.OnTimeRate), FigureDefinitions.OnTimeRate),
            new("satisfaction", "满意率", Fraction(f.FinalSatisfaction), FigureDefinitions.Satisfaction(FigureDefinitions.FinalSatisfaction, o)),
            new("no-feedback", "未反馈", f.NoFeedback.ToString(System.Globalization.CultureInfo.InvariantCulture), FigureDefinitions.NoFeedback),
            new("first-satisfaction", "初次满意率", Fraction(f.FirstRoundSatisfaction), FigureDefinitions.Satisfaction(FigureDefinitions.FirstSatisfaction, o)),
            new("publication", "公开率", Fraction(f.PublicationRate), FigureDefinitions.PublicationRate),
            new("face-to-face", "见面率", Fraction(f.FaceToFaceRate), FigureDefinitions.FaceToFaceRate),
            new("key", "重点件", f.KeyItems.ToString(System.Globalization.CultureInfo.InvariantCulture), FigureDefinitions.KeyItems),
            new("overdue", "超期", f.Overdue.ToString(System.Globalization.CultureInfo.InvariantCulture), FigureDefinitions.Overdue),
            new("due-soon", "临期", f.DueSoon.ToString(System.Globalization.CultureInfo.InvariantCulture), FigureDefinitions.DueSoon),
            new("returned", "已退回", f.Returned.ToString(System.Globalization.CultureInfo.InvariantCulture), FigureDefinitions.Returned),
            new("year-over-year", "与上年相比", YearOverYear(f), FigureDefinitions.YearOverYear),
        ];
    }

    public static string YearOverYear(YearFigures f) => f.PreviousYearReceived is { } previous
        ? $"{f.Received} / {previous}（{(f.YearOverYearRatio is { } r ? $"{r:0.##}倍" : "—")}）"
        : "无上年数据";

    /// <summary>The figures workbook: headline figures with definitions, and every breakdown on its own sheet.</summary>
    public async Task<byte[]> FiguresXlsxAsync(int year, CancellationToken cancellationToken = default)
    {
        var f = await statistics.GetYearFiguresAsync(year, cancellationToken);
        var writer = new XlsxWriter()
            .Sheet($"{year}年统计", ["指标", "数值", "说明", "口径"], Lines(f).Select(l => FigureRow(f, l)))
            .Sheet("来源与承办方式", ["来源", "主办", "协办", "合计"], FigureRules.Sources.Select(s => (IReadOnlyList<object?>)
                [s, f.CountOf(s, HandlingRole.Lead), f.CountOf(s, HandlingRole.Assisting), f.CountOf(s, HandlingRole.Lead) + f.CountOf(s, HandlingRole.Assisting)]))
            .Sheet("承办科室", ["科室", "合计", "主办", "未办结", "已办结", "超期", "临期"], f.BySection.Select(s => (IReadOnlyList<object?>)
                [s.SectionName, s.Total, s.Lead, s.Open, s.Closed, s.Overdue, s.DueSoon]))
            .Sheet("主题", ["主题", "件数"], f.ByTopic.Select(t => (IReadOnlyList<object?>)[t.Topic, t.Count]))
            .Sheet("办理类别", ["类别", "件数", "说明"], Enum.GetValues<ResultCategory>().Select(c => (IReadOnlyList<object?>)
                [c.ToString(), f.Categories.GetValueOrDefault(c), c.ToChinese()]))
            .Sheet("满意度", ["", "满意（计入）", "已评价", "满意率"],
            [
                ["初次评价", f.FirstRoundSatisfaction.Numerator, f.FirstRoundSatisfaction.Denominator, Percent(f.FirstRoundSatisfaction)],
                ["最终评价", f.FinalSatisfaction.Numerator, f.FinalSatisfaction.Denominator, Percent(f.FinalSatisfaction)],
            ]);
        return writer.ToBytes();
    }

    /// <summary>
    /// One line of the figures sheet: the figure as a number (a rate as a percentage cell, none when nothing is
    /// counted), what it is made of in its own column (13/13, 本年20件，上年10件), and the definition.
    /// </summary>
    private static IReadOnlyList<object?> FigureRow(YearFigures f, FigureLine line)
    {
        Rate? rate = line.Key switch
        {
            "completion" => f.CompletionRate,
            "on-time" => f.OnTimeRate,
            "satisfaction" => f.FinalSatisfaction,
            "first-satisfaction" => f.FirstRoundSatisfaction,
            "publication" => f.PublicationRate,
            "face-to-face" => f.FaceToFaceRate,
            _ => null,
        };
        if (rate is not null)
        {
            return [line.Name, Percent(rate), rate.Denominator == 0 ? "无可计算的件数" : $"{rate.Numerator}/{rate.Denominator}", line.Definition];
        }

        if (line.Key == "year-over-year")
        {
            return [line.Name, f.YearOverYearRatio is { } ratio ? Math.Round(ratio, 2) : null,
                f.PreviousYearReceived is { } previous ? $"本年{f.Received}件，上年{previous}件（倍数）" : "无上年数据", line.Definition];
        }

        return [line.Name, int.Parse(line.Value, System.Globalization.CultureInfo.InvariantCulture), null, line.Definition];
    }

    /// <summary>The columns of the 办理情况统计表, one line per level of the source and their total.</summary>
    public static readonly IReadOnlyList<string> ReportColumns =
    [
        "来源", "收到件数", "主办件", "协办件", "已办结（主办）", "办结率", "按时办结", "按时办结率",
        "A类", "B类", "C类", "D类", "满意", "基本满意", "不满意", "未反馈", "满意率", "已公开", "公开率", "见面率", "重点件",
    ];

    /// <summary>How the report names the workbook of one source: 2022年人大代表建议办理情况统计表.</summary>
    public static string ReportName(int year, ProposalKind kind) => $"{year}年{kind.ToChinese()}办理情况统计表";

    /// <summary>
    /// 办理情况统计表: what the 人大选联工委 (建议) or the 政协提案委 (提案) asks of the bureau for a year. One line for the
    /// 州 items, one for the 市 items and their total, each from the statistics service (the same figures as the
    /// statistics page, over that source's items); then every item of the source with its reply and result, and the
    /// definitions the figures follow.
    /// </summary>
    public async Task<byte[]> HandlingReportXlsxAsync(int year, ProposalKind kind, Actor actor, CancellationToken cancellationToken = default)
    {
        var lines = new List<IReadOnlyList<object?>>();
        foreach (var level in new Level?[] { Level.Prefecture, Level.City, null })
        {
            var f = await statistics.GetSourceFiguresAsync(year, kind, level, cancellationToken);
            lines.Add(ReportLine(level is { } l ? $"{l.ToChinese()}{kind.ToChinese()}" : "合计", f));
        }

        var bureau = portal.Value.BureauName;
        var items = await list.RowsAsync(new ProposalQuery(Year: year, Kind: kind), ProposalSort.NumberAscending, null, actor, cancellationToken);
        var o = options.CurrentValue;
        return new XlsxWriter()
            .Sheet("办理情况统计表", [$"{bureau}{ReportName(year, kind)}", $"填报单位：{bureau}　　填报日期：{ChineseDate.Format(clock.Today)}"],
                ReportColumns, lines)
            .Sheet("办理情况一览", [$"{bureau}{year}年{kind.ToChinese()}办理情况一览"], ProposalListExport.Columns, items)
            .Sheet("统计口径", ["指标", "口径"],
            [
                ["收到件数", FigureDefinitions.Received],
                ["办结率", FigureDefinitions.CompletionRate],
                ["按时办结率", FigureDefinitions.OnTimeRate],
                ["满意率", FigureDefinitions.Satisfaction(FigureDefinitions.FinalSatisfaction, o)],
                ["未反馈", FigureDefinitions.NoFeedback],
                ["公开率", FigureDefinitions.PublicationRate],
                ["见面率", FigureDefinitions.FaceToFaceRate],
            ])
            .ToBytes();
    }

    private static IReadOnlyList<object?> ReportLine(string source, YearFigures f)
    {
        int Category(ResultCategory c) => f.Categories.GetValueOrDefault(c);
        int Answered(Satisfaction s) => f.FinalSatisfactions?.GetValueOrDefault(s) ?? 0;
        return
        [
            source, f.Received, f.Lead, f.Assisting, f.LeadClosed, Percent(f.CompletionRate), f.ClosedOnTime, Percent(f.OnTimeRate),
            Category(ResultCategory.A), Category(ResultCategory.B), Category(ResultCategory.C), Category(ResultCategory.D),
            Answered(Satisfaction.Satisfied), Answered(Satisfaction.BasicallySatisfied), Answered(Satisfaction.Unsatisfied), f.NoFeedback,
            Percent(f.FinalSatisfaction), f.Published, Percent(f.PublicationRate), Percent(f.FaceToFaceRate), f.KeyItems,
        ];
    }

    private static XlsxWriter.Percent? Percent(Rate rate) => rate.Value is { } v ? new XlsxWriter.Percent(v) : null;

    /// <summary>The year's item list as the actor may see it, page by page so a large year is never loaded at once.</summary>
    public async Task<byte[]> ItemsXlsxAsync(int year, Actor actor, CancellationToken cancellationToken = default)
    {
        var sections = (await organization.SectionsAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
        var today = clock.Today;
        var rows = new List<IReadOnlyList<object?>>();
        const int pageSize = 500;
        for (var page = 0; ; page++)
        {
            var result = await query.QueryAsync(new ProposalQuery(Year: year, Sort: ProposalSort.NumberAscending, Page: page, PageSize: pageSize), actor, cancellationToken);
            rows.AddRange(result.Rows.Select(r => (IReadOnlyList<object?>)
            [
                r.Year, r.SourceName, r.Session, r.Number, r.Title, r.LeadProposer, r.Role.ToChinese(), r.IsKey ? "是" : "",
                r.SectionId is { } s && sections.TryGetValue(s, out var name) ? name : "", r.State.ToChinese(),
                r.AssignedOn, r.Deadline,
                r.Deadline is { } dl && today > dl && !Proposal.IsDeadlineStepDoneIn(r.State) ? "超期" : "",
            ]));
            if (result.Rows.Count < pageSize)
            {
                break;
            }
        }

        return new XlsxWriter()
            .Sheet($"{year}年建议提案", ["年度", "来源", "届次", "编号", "标题", "领衔人", "承办方式", "重点", "承办科室", "状态", "交办日期", "办理时限", "超期"], rows)
            .ToBytes();
    }
}
