using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Domain.Statistics;

/// <summary>
/// The definitions of the year's figures (DOMAIN.md "Figures"), in one place:
/// 办结率 = closed lead / lead; 按时办结率 = lead closed on or before their deadline / lead;
/// 满意率 = (满意 [+ 基本满意]) / evaluated lead, first round and final kept apart;
/// 公开率 = published / signed lead replies; 见面率 = lead with a face-to-face communication / lead.
/// Items returned to the city government (退回) are left out of every count but <see cref="YearFigures.Returned"/>.
/// </summary>
public static class FigureRules
{
    /// <summary>The four sources in the order the summary lists them.</summary>
    public static readonly IReadOnlyList<string> Sources = ["州人大", "州政协", "市人大", "市政协"];

    public static YearFigures Compute(
        int year,
        IReadOnlyCollection<ProposalFacts> allItems,
        IReadOnlyCollection<(int ProposalId, string Topic)> topics,
        IReadOnlyDictionary<int, string> sectionNames,
        IReadOnlyDictionary<WorkMeetingKind, int> meetings,
        int? previousYearReceived,
        DateOnly today,
        StatisticsOptions options,
        DeadlineCalculator deadlines)
    {
        // An item returned to the city government (退回) is no longer the bureau's: it is counted apart, not in the rates.
        var items = allItems.Where(i => i.State != ProposalState.Returned).ToList();
        var lead = items.Where(i => i.Role == HandlingRole.Lead).ToList();
        var closed = lead.Where(i => i.State == ProposalState.Closed).ToList();
        var onTime = closed.Count(i => i.ClosedOn is { } c && i.Deadline is { } d && c <= d);

        var bySource = (from source in Sources
                        from role in new[] { HandlingRole.Lead, HandlingRole.Assisting }
                        select new SourceCount(source, role, items.Count(i => i.SourceName == source && i.Role == role)))
            .ToList();

        bool Counts(Satisfaction s) =>
            s == Satisfaction.Satisfied || (options.SatisfactionCountsBasicallySatisfied && s == Satisfaction.BasicallySatisfied);

        var firstEvaluated = lead.Where(i => i.FirstSatisfaction is not null).ToList();
        var finalEvaluated = lead.Where(i => i.FinalSatisfaction is not null).ToList();
        var signed = lead.Where(i => i.ReplySigned).ToList();

        var status = items.ToDictionary(i => i.Id, i => i.Deadline is { } d
            ? deadlines.Classify(d, today, i.DeadlineStepDone).Level
            : DeadlineLevel.Normal);
        bool IsOverdue(ProposalFacts i) => status[i.Id] == DeadlineLevel.Overdue;
        bool IsDueSoon(ProposalFacts i) => status[i.Id] is DeadlineLevel.DueSoon or DeadlineLevel.Urgent;

        var bySection = items
            .GroupBy(i => i.SectionId)
            .Select(g => new SectionFigures(
                g.Key,
                g.Key is { } id && sectionNames.TryGetValue(id, out var name) ? name : "未分配",
                g.Count(),
                g.Count(i => i.Role == HandlingRole.Lead),
                g.Count(i => i.State is not (ProposalState.Closed or ProposalState.Returned)),
                g.Count(i => i.State == ProposalState.Closed),
                g.Count(IsOverdue),
                g.Count(IsDueSoon)))
            .OrderByDescending(s => s.Open).ThenBy(s => s.SectionName, StringComparer.Ordinal)
            .ToList();

        var ids = items.Select(i => i.Id).ToHashSet();
        var byTopic = topics.Where(t => ids.Contains(t.ProposalId))
            .GroupBy(t => t.Topic)
            .Select(g => new TopicCount(g.Key, g.Select(t => t.ProposalId).Distinct().Count()))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Topic, StringComparer.Ordinal)
            .ToList();

        var categories = Enum.GetValues<ResultCategory>()
            .ToDictionary(c => c, c => signed.Count(i => i.Category == c));
        var closedCategories = Enum.GetValues<ResultCategory>()
            .ToDictionary(c => c, c => closed.Count(i => i.ReplySigned && i.Category == c));

        return new YearFigures(
            Year: year,
            Received: items.Count,
            Lead: lead.Count,
            Assisting: items.Count - lead.Count,
            BySource: bySource,
            LeadClosed: closed.Count,
            CompletionRate: new Rate(closed.Count, lead.Count),
            ClosedOnTime: onTime,
            OnTimeRate: new Rate(onTime, lead.Count),
            FirstRoundSatisfaction: new Rate(firstEvaluated.Count(i => Counts(i.FirstSatisfaction!.Value)), firstEvaluated.Count),
            FinalSatisfaction: new Rate(finalEvaluated.Count(i => Counts(i.FinalSatisfaction!.Value)), finalEvaluated.Count),
            PublicationRate: new Rate(signed.Count(i => i.Published), signed.Count),
            FaceToFaceRate: new Rate(lead.Count(i => i.HasFaceToFace), lead.Count),
            Categories: categories,
            KeyItems: items.Count(i => i.IsKey),
            Overdue: items.Count(IsOverdue),
            DueSoon: items.Count(IsDueSoon),
            BySection: bySection,
            ByTopic: byTopic,
            PreviousYearReceived: previousYearReceived,
            Meetings: meetings,
            Returned: allItems.Count - items.Count,
            LastLeadClosedOn: closed.Max(i => i.ClosedOn),
            LatestLeadDeadline: lead.Max(i => i.Deadline),
            ClosedCategories: closedCategories,
            ClosedPublished: closed.Count(i => i.Published),
            NoFeedback: closed.Count(i => i.NoFeedback),
            FinalSatisfactions: Enum.GetValues<Satisfaction>()
                .ToDictionary(s => s, s => finalEvaluated.Count(i => i.FinalSatisfaction == s)));
    }
}
