using System.Globalization;
using ProposalPortal.Domain;
using ProposalPortal.Features.Proposals;

namespace ProposalPortal.Features.Supervision;

/// <summary>
/// What the Blazor boards render of one snapshot, one object per panel, prepared once per snapshot for every circuit
/// that shows it: the lists' first rows and 查看全部 links, the busiest sections of the wall, the activity feed's
/// times. <see cref="BoardSnapshots"/> then keeps, part by part, the previous snapshot's object wherever the part did
/// not change (<see cref="Reusing"/>), so a panel re-renders only when it is handed another object than it last
/// rendered (<see cref="BoardPanel{TData}"/>).
/// <para>
/// Why: with 200 boards open, every change was 200 circuits each building its lists again, serializing every panel's
/// data to JSON to find what changed, and re-rendering what had; a 催办 now costs each circuit one reference comparison
/// per panel and a render of the activity feed, the one part it changed.
/// </para>
/// </summary>
public sealed record BoardParts(
    BoardHeadline Headline,
    BoardList Overdue,
    BoardList DueSoon,
    BoardList Forecast,
    string ForecastTitle,
    IReadOnlyList<SectionLoad> Sections,
    IReadOnlyList<SectionLoad> BusiestSections,
    IReadOnlyList<KeyProgress> KeyItems,
    IReadOnlyList<LateCommitment> LateCommitments,
    IReadOnlyList<ActivityRow> Activity)
{
    /// <summary>How many sections the wall's ranking shows: as many as fit a 1080-pixel-high screen at its type size.</summary>
    public const int BusiestSectionCount = 8;

    /// <summary>The parts of <paramref name="snapshot"/>, each deadline list cut to its first <paramref name="listRows"/> rows.</summary>
    public static BoardParts Of(BoardSnapshot snapshot, int listRows, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(zone);
        var rows = Math.Max(1, listRows);
        return new BoardParts(
            snapshot.Headline,
            BoardList.First(snapshot.Overdue, rows, BoardLinks.ItemList(snapshot.Year, snapshot.Scope, DueFilter.Overdue), idleDays: false),
            BoardList.First(snapshot.DueSoon, rows, BoardLinks.ItemList(snapshot.Year, snapshot.Scope, DueFilter.DueSoon), idleDays: false),
            // 预警 has no item-list filter of its own (idle days): its heading counts every item, its rows are the most urgent.
            BoardList.First(snapshot.Forecast, rows),
            $"预警：{snapshot.ForecastWorkingDays}个工作日内到期且{snapshot.ForecastIdleDays}天未推进",
            snapshot.Sections,
            snapshot.Sections.OrderByDescending(s => s.Open).Take(BusiestSectionCount).ToList(),
            snapshot.KeyItems,
            snapshot.LateCommitments,
            snapshot.Activity.Select(a => ActivityRow.Of(a, zone)).ToList());
    }

    /// <summary>
    /// These parts, with each one that equals <paramref name="previous"/>'s (by value) replaced by the previous object,
    /// so that the boards see by reference what did not change. Once per snapshot, not once per board.
    /// </summary>
    public BoardParts Reusing(BoardParts? previous) => previous is null ? this : new BoardParts(
        Keep(Headline, previous.Headline),
        Keep(Overdue, previous.Overdue),
        Keep(DueSoon, previous.DueSoon),
        Keep(Forecast, previous.Forecast),
        ForecastTitle,
        KeepList(Sections, previous.Sections),
        KeepList(BusiestSections, previous.BusiestSections),
        KeepList(KeyItems, previous.KeyItems),
        KeepList(LateCommitments, previous.LateCommitments),
        KeepList(Activity, previous.Activity));

    private static T Keep<T>(T now, T before) where T : IEquatable<T> => now.Equals(before) ? before : now;

    private static IReadOnlyList<T> KeepList<T>(IReadOnlyList<T> now, IReadOnlyList<T> before) => now.SequenceEqual(before) ? before : now;
}

/// <summary>One line of the activity feed as a board shows it: when, in the bureau's time zone, and the change of state.</summary>
public sealed record ActivityRow(ActivityLine Line, string When, string Move)
{
    public static ActivityRow Of(ActivityLine line, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(line);
        var local = TimeZoneInfo.ConvertTime(line.At, zone);
        return new ActivityRow(line,
            $"{ChineseDate.Format(DateOnly.FromDateTime(local.DateTime))} {local.ToString("HH:mm", CultureInfo.InvariantCulture)}",
            line.To is not null && line.From != line.To ? $"{line.From ?? "—"} → {line.To}" : string.Empty);
    }
}
