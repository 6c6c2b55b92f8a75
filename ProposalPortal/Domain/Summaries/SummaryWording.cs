using System.Globalization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Statistics;

namespace ProposalPortal.Domain.Summaries;

/// <summary>A key item as the summary names it.</summary>
public sealed record KeyItem(string Session, int Number, ProposalKind Kind, string Title, IReadOnlyList<string> Proposers);

/// <summary>How many of the year's lead items touch one topic, by kind (代表建议 / 委员提案).</summary>
public sealed record TopicItems(string Topic, int Suggestions, int Proposals)
{
    public int Count => Suggestions + Proposals;
}

/// <summary>
/// The sentences of the annual summary that carry numbers, written from the year's figures in the seed's own words
/// (the 2022 summary of 楚雄市发展和改革局). Everything else in the summary is prose the Office writes.
/// </summary>
public static class SummaryWording
{
    /// <summary>
    /// The order in which the seed lists the sources in the opening's parentheses: lead items the prefecture's
    /// first, assisting items the city's first ("协办件7件(市人大代表建议4件,州政协委员提案3件)").
    /// </summary>
    private static readonly IReadOnlyList<string> LeadOrder = ["州人大", "州政协", "市人大", "市政协"];
    private static readonly IReadOnlyList<string> AssistingOrder = ["市人大", "市政协", "州人大", "州政协"];

    /// <summary>
    /// The opening paragraph, e.g. for 2022: "2022年,市发展和改革局共收到州市人大代表议案建议和政协提案20件,其中,主办件13件(…);
    /// 协办件7件(…)。到7月10日,13件主办件已办结,办理类别为“A”类,办结率100%。同时通过政府门户网站进行了公开,主动接受社会监督与批评,满意率100%。"
    /// <paramref name="asOf"/> is the day the summary speaks of while lead items are still open.
    /// </summary>
    public static string Opening(YearFigures f, string bureauShortName, DateOnly asOf)
    {
        var text = $"{f.Year}年，{bureauShortName}共收到州市人大代表议案建议和政协提案{f.Received}件";
        var parts = new List<string>();
        if (f.Lead > 0)
        {
            parts.Add($"主办件{f.Lead}件{Breakdown(f, HandlingRole.Lead, LeadOrder)}");
        }

        if (f.Assisting > 0)
        {
            parts.Add($"协办件{f.Assisting}件{Breakdown(f, HandlingRole.Assisting, AssistingOrder)}");
        }

        text += parts.Count > 0 ? "，其中，" + string.Join("；", parts) + "。" : "。";
        if (f.Lead == 0)
        {
            return text;
        }

        // Categories and publication are said of the closed items only, so that every figure of the sentence speaks of
        // the same items: "13件主办件中已办结1件,办理类别为“A”类" (a signed reply still waiting for its evaluation is not 办结).
        var categories = Categories(f.ClosedCategories, f.LeadClosed);
        if (f.AllLeadClosedBy is { } closedBy)
        {
            text += $"到{MonthDay(closedBy, f.Year)}，{f.Lead}件主办件已办结{categories}，办结率{f.CompletionRate}。";
        }
        else
        {
            text += $"截至{MonthDay(asOf, f.Year)}，{f.Lead}件主办件中已办结{f.LeadClosed}件{categories}，办结率{f.CompletionRate}。";
        }

        const string Scrutiny = "通过政府门户网站进行了公开，主动接受社会监督与批评";
        var published = f.ClosedPublished == 0 ? null
            : f.AllLeadClosed ? (f.ClosedPublished == f.Lead ? "同时" + Scrutiny : $"其中{f.ClosedPublished}件" + Scrutiny)
            : f.ClosedPublished == f.LeadClosed ? $"已办结的{f.LeadClosed}件均" + Scrutiny
            : $"已办结的{f.LeadClosed}件中{f.ClosedPublished}件" + Scrutiny;
        var satisfaction = f.FinalSatisfaction.Value is null ? null : $"满意率{f.FinalSatisfaction}";
        if (published is not null || satisfaction is not null)
        {
            text += string.Join("，", new[] { published, satisfaction }.Where(s => s is not null)) + "。";
        }

        return text;
    }

    /// <summary>"共召开局领导班子会研究3次,领导小组会议2次,职工会动员推进2次"; null without meetings.</summary>
    public static string? Meetings(YearFigures f)
    {
        var parts = new List<string>();
        if (f.Meetings.GetValueOrDefault(WorkMeetingKind.LeadershipTeam) is > 0 and var team)
        {
            parts.Add($"局领导班子会研究{team}次");
        }

        if (f.Meetings.GetValueOrDefault(WorkMeetingKind.LeadingGroup) is > 0 and var group)
        {
            parts.Add($"领导小组会议{group}次");
        }

        if (f.Meetings.GetValueOrDefault(WorkMeetingKind.StaffMobilization) is > 0 and var staff)
        {
            parts.Add($"职工会动员推进{staff}次");
        }

        // 专题会议 are not in this list: the seed speaks of them where they were held ("召开专题会议研究部署"), see
        // SpecialMeeting.
        return parts.Count == 0 ? null : "共召开" + string.Join("，", parts);
    }

    /// <summary>
    /// A clause about 专题会议 as the Office wrote it ("召开专题会议研究部署"), printed only when the year has special
    /// meetings, with their number when there were several ("召开专题会议3次研究部署"); null when there were none.
    /// </summary>
    public static string? SpecialMeeting(YearFigures f, string clause)
    {
        var count = f.Meetings.GetValueOrDefault(WorkMeetingKind.Special);
        if (count == 0)
        {
            return null;
        }

        clause = WithoutCount(clause);
        var at = clause.IndexOf("专题会议", StringComparison.Ordinal);
        return count == 1 || at < 0 ? clause : clause.Insert(at + "专题会议".Length, $"{count}次");
    }

    /// <summary>"召开专题会议3次研究部署" → "召开专题会议研究部署": the clause without a count typed into it.</summary>
    public static string WithoutCount(string clause) =>
        System.Text.RegularExpressions.Regex.Replace(clause, @"专题会议\d+次", "专题会议");

    /// <summary>"局办公室对20件建议提案进行认真梳理和分类".</summary>
    public static string? Sorted(YearFigures f) => f.Received == 0 ? null : $"局办公室对{f.Received}件建议提案进行认真梳理和分类";

    /// <summary>"13件提案建议涉及的均是我局主要重点工作".</summary>
    public static string? LeadWork(YearFigures f) => f.Lead == 0 ? null : $"{f.Lead}件提案建议涉及的均是我局主要重点工作";

    /// <summary>"2个重点提案"; null without key items.</summary>
    public static string? KeyCount(IReadOnlyList<KeyItem> items) =>
        items.Count == 0 ? null : $"{items.Count}个重点{NounOf(items.Select(i => i.Kind))}";

    /// <summary>
    /// "李春闻委员提出的第11号《关于加快楚雄市数字经济建设的提案》和杞发荣委员、徐彦委员提出的第199号《…》"; null without key items.
    /// </summary>
    public static string? KeyProposers(IReadOnlyList<KeyItem> items)
    {
        if (items.Count == 0)
        {
            return null;
        }

        var named = Ordered(items).Select(i =>
        {
            var title = i.Kind == ProposalKind.Proposal ? "委员" : "代表";
            return $"{string.Join("、", i.Proposers.Select(p => p + title))}提出的第{i.Number}号《{i.Title}》";
        }).ToList();
        return JoinAnd(named);
    }

    /// <summary>"4个委员提案" (the lead items on one topic, by kind); null when no lead item has the topic.</summary>
    public static string? TopicCount(IReadOnlyList<TopicItems> topics, string topic)
    {
        var t = topics.FirstOrDefault(x => x.Topic == topic);
        return t is null || t.Count == 0 ? null
            : t.Suggestions == 0 ? $"{t.Count}个委员提案"
            : t.Proposals == 0 ? $"{t.Count}个代表建议"
            : $"{t.Count}件建议提案";
    }

    /// <summary>"城乡融合发展、数字经济和长江生态保护": the lead items' topics, most items first; null without topics.</summary>
    public static string? Topics(IReadOnlyList<TopicItems> topics) =>
        topics.Count == 0 ? null : JoinAnd(topics.Select(t => t.Topic).ToList());

    /// <summary>"从涉及的主题看,充电桩及新能源建设4件,城乡融合发展3件": the lead items per topic, most first; null without topics.</summary>
    public static string? TopicCounts(IReadOnlyList<TopicItems> topics) =>
        topics.Count == 0 ? null : "从涉及的主题看，" + string.Join("，", topics.Select(t => $"{t.Topic}{t.Count}件"));

    /// <summary>"与去年相比,承办件数已翻一倍多" and its other forms; null without last year's items.</summary>
    public static string? YearOverYear(YearFigures f)
    {
        if (f.PreviousYearReceived is not { } previous || previous == 0)
        {
            return null;
        }

        var difference = f.Received - previous;
        return f.Received > previous * 2 ? "与去年相比，承办件数已翻一倍多"
            : f.Received == previous * 2 ? "与去年相比，承办件数翻了一倍"
            : difference > 0 ? $"与去年相比，承办件数增加{difference}件"
            : difference < 0 ? $"与去年相比，承办件数减少{-difference}件"
            : "承办件数与去年持平";
    }

    /// <summary>"今年,我局承办的13件代表建议和政协提案,均在办理复文形成后通过市政府门户网站进行公开"; null when none was published.</summary>
    public static string? Publication(YearFigures f) =>
        f.Published == 0 ? null
        : f.Published == f.Lead ? $"今年，我局承办的{f.Lead}件代表建议和政协提案，均在办理复文形成后通过市政府门户网站进行公开"
        : $"今年，我局承办的{f.Lead}件代表建议和政协提案中，{f.Published}件在办理复文形成后通过市政府门户网站进行公开";

    /// <summary>
    /// "“关于加快楚雄市数字经济建设的提案”(第11号)和“…”(第199号)被确定为市政协十届一次会议重点督办的2件提案"; null without key items.
    /// </summary>
    public static string? KeyItems(IReadOnlyList<KeyItem> items)
    {
        if (items.Count == 0)
        {
            return null;
        }

        var ordered = Ordered(items);
        var list = JoinAnd(ordered.Select(i => $"“{i.Title}”（第{i.Number}号）").ToList());
        var sessions = string.Join("、", ordered.Select(i => i.Session).Distinct());
        return $"{list}被确定为{sessions}重点督办的{ordered.Count}件{NounOf(ordered.Select(i => i.Kind))}";
    }

    private static List<KeyItem> Ordered(IReadOnlyList<KeyItem> items) =>
        items.OrderBy(i => i.Session, StringComparer.Ordinal).ThenBy(i => i.Number).ToList();

    private static string NounOf(IEnumerable<ProposalKind> kinds)
    {
        var distinct = kinds.Distinct().ToList();
        return distinct.Count == 1 ? distinct[0].ShortName() : "建议提案";
    }

    /// <summary>"甲", "甲和乙", "甲、乙和丙".</summary>
    private static string JoinAnd(List<string> parts) =>
        parts.Count == 1 ? parts[0] : string.Join("、", parts.Take(parts.Count - 1)) + "和" + parts[^1];

    /// <summary>"2022年8月22日".</summary>
    public static string Date(DateOnly date) => ChineseDate.Format(date);

    private static string Breakdown(YearFigures f, HandlingRole role, IReadOnlyList<string> order)
    {
        var listed = order.Select(source => (Source: source, Count: f.CountOf(source, role))).Where(x => x.Count > 0).ToList();
        var phrases = new List<string>();
        for (var i = 0; i < listed.Count; i++)
        {
            // The seed names the prefecture once for its two sources: "州人大代表建议2件,政协委员提案1件".
            var elide = listed[i].Source == "州政协" && i > 0 && listed[i - 1].Source == "州人大";
            phrases.Add($"{SourcePhrase(listed[i].Source, elide)}{listed[i].Count}件");
        }

        return phrases.Count == 0 ? string.Empty : "（" + string.Join("，", phrases) + "）";
    }

    private static string SourcePhrase(string source, bool withoutLevel)
    {
        var level = source[..1];
        var phrase = source[1..] == "人大" ? "人大代表建议" : "政协委员提案";
        return withoutLevel ? phrase : level + phrase;
    }

    /// <summary>",办理类别为“A”类" when every closed item has one category; ",办理类别为“A”类10件、“B”类3件" otherwise.</summary>
    private static string Categories(IReadOnlyDictionary<ResultCategory, int>? counts, int closed)
    {
        var used = (counts ?? new Dictionary<ResultCategory, int>()).Where(c => c.Value > 0).OrderBy(c => c.Key).ToList();
        if (used.Count == 0)
        {
            return string.Empty;
        }

        return used.Count == 1 && used[0].Value == closed
            ? $"，办理类别为“{used[0].Key}”类"
            : "，办理类别为" + string.Join("、", used.Select(c => $"“{c.Key}”类{c.Value}件"));
    }

    /// <summary>"7月10日" within the summary's year, "2023年1月5日" outside it.</summary>
    private static string MonthDay(DateOnly date, int year) =>
        date.Year == year
            ? string.Create(CultureInfo.InvariantCulture, $"{date.Month}月{date.Day}日")
            : ChineseDate.Format(date);
}
