using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Domain.Statistics;

/// <summary>How many items of one source came in one role (e.g. 市政协 主办 8).</summary>
public sealed record SourceCount(string Source, HandlingRole Role, int Count);

/// <summary>One section's load and results.</summary>
public sealed record SectionFigures(int? SectionId, string SectionName, int Total, int Lead, int Open, int Closed, int Overdue, int DueSoon);

/// <summary>How many items touch one topic.</summary>
public sealed record TopicCount(string Topic, int Count);

/// <summary>A rate with its numerator and denominator; <see cref="Value"/> is null when nothing is counted yet.</summary>
public sealed record Rate(int Numerator, int Denominator)
{
    public double? Value => Denominator == 0 ? null : (double)Numerator / Denominator;

    /// <summary>As the summary writes it: 100%, 92.3%, or — when there is nothing to count.</summary>
    public override string ToString() => Value is { } v ? FormatPercent(v) : "—";

    public static string FormatPercent(double fraction)
    {
        var percent = Math.Round(fraction * 100, 1, MidpointRounding.AwayFromZero);
        return percent.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";
    }
}

/// <summary>Every figure of DOMAIN.md for one year, computed from the data by <see cref="FigureRules"/>.</summary>
public sealed record YearFigures(
    int Year,
    int Received,
    int Lead,
    int Assisting,
    IReadOnlyList<SourceCount> BySource,
    int LeadClosed,
    Rate CompletionRate,
    int ClosedOnTime,
    Rate OnTimeRate,
    Rate FirstRoundSatisfaction,
    Rate FinalSatisfaction,
    Rate PublicationRate,
    Rate FaceToFaceRate,
    IReadOnlyDictionary<ResultCategory, int> Categories,
    int KeyItems,
    int Overdue,
    int DueSoon,
    IReadOnlyList<SectionFigures> BySection,
    IReadOnlyList<TopicCount> ByTopic,
    int? PreviousYearReceived,
    IReadOnlyDictionary<WorkMeetingKind, int> Meetings,
    int Returned,
    DateOnly? LastLeadClosedOn = null,
    DateOnly? LatestLeadDeadline = null,
    IReadOnlyDictionary<ResultCategory, int>? ClosedCategories = null,
    int ClosedPublished = 0,
    int NoFeedback = 0,
    IReadOnlyDictionary<Satisfaction, int>? FinalSatisfactions = null)
{
    // ClosedCategories: the result categories of the closed lead items only, what the summary may say of the items it
    // calls 已办结 (Categories counts every signed reply, also of items still waiting for their evaluation).
    // ClosedPublished: closed lead items whose reply is published. NoFeedback: lead items closed as 未反馈 (no proposer
    // answered within the evaluation window); they have no satisfaction and are counted apart.
    // FinalSatisfactions: the evaluated lead items by their final result (满意, 基本满意, 不满意), as the 办理情况统计表 lists them.

    /// <summary>Lead items with a final evaluation.</summary>
    public int Evaluated => FinalSatisfaction.Denominator;

    /// <summary>Signed lead replies that are published.</summary>
    public int Published => PublicationRate.Numerator;

    public int CountOf(string source, HandlingRole role) =>
        BySource.FirstOrDefault(s => s.Source == source && s.Role == role)?.Count ?? 0;

    /// <summary>Every lead item closed (and there is at least one).</summary>
    public bool AllLeadClosed => Lead > 0 && LeadClosed == Lead;

    /// <summary>
    /// The day by which every lead item was closed, as the summary says "到7月10日,13件主办件已办结": the latest
    /// deadline when all were closed on time (the date the work was due by), otherwise the last closing day.
    /// Null while lead items are open.
    /// </summary>
    public DateOnly? AllLeadClosedBy => !AllLeadClosed ? null
        : ClosedOnTime == Lead && LatestLeadDeadline is { } deadline ? deadline
        : LastLeadClosedOn;

    /// <summary>Received this year against last year: 2.0 means doubled; null without last year's data.</summary>
    public double? YearOverYearRatio => PreviousYearReceived is > 0 ? (double)Received / PreviousYearReceived.Value : null;
}
