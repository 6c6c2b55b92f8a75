using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Statistics;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Statistics;

namespace ProposalPortal.Features.Supervision;

/// <summary>
/// Computes what the supervision boards show, for one year and one scope: from this node's kept board facts
/// (<see cref="BoardFactsStore"/>), the names and the activity feed read with each snapshot. The bureau's rates come from
/// <see cref="StatisticsService"/> (the one source of figures); lateness uses the same
/// <see cref="DeadlineCalculator.Classify"/> as the item list.
/// </summary>
public sealed class BoardService(
    IDbContextFactory<PortalDbContext> dbFactory,
    BoardFactsStore store,
    StatisticsService statistics,
    WorkflowContextFactory contexts,
    PortalClock clock,
    IOptionsMonitor<SupervisionOptions> options)
{
    /// <summary>
    /// The snapshot of <paramref name="scope"/> for <paramref name="year"/>, from this node's kept board facts
    /// (<see cref="BoardFactsStore"/>: after a change, only the changed items are read again) and the kept figures.
    /// </summary>
    public async Task<BoardSnapshot> GetAsync(int year, BoardScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        // The figures (their own context and kept facts) meanwhile: after a change both read their changed items, and on
        // two cores the snapshot then waits for the longer of the two, not for both one after the other.
        var figures = scope.IsWholeBureau ? Task.Run(() => statistics.GetYearFiguresAsync(year, cancellationToken), cancellationToken) : null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var facts = await store.GetAsync(db, year, cancellationToken);
        return await ComputeAsync(db, year, scope, facts, figures, cancellationToken);
    }

    /// <summary>
    /// The same snapshot from the database alone, past the kept facts and figures: a node's first computation, and what
    /// the tests compare the kept snapshot with.
    /// </summary>
    public async Task<BoardSnapshot> ComputeFromScratchAsync(int year, BoardScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var facts = await BoardFactsStore.ReadWholeAsync(db, year, clock, cancellationToken);
        var figures = scope.IsWholeBureau ? await statistics.ComputeFromScratchAsync(year, null, cancellationToken) : null;
        return await ComputeAsync(db, year, scope, facts, figures is null ? null : Task.FromResult(figures), cancellationToken);
    }

    // Everything but the names and the activity feed comes from the facts in memory: nothing here reads an item.
    private async Task<BoardSnapshot> ComputeAsync(PortalDbContext db, int year, BoardScope scope, IReadOnlyList<BoardFact> facts,
        Task<YearFigures>? figuresRead, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var today = clock.Today;
        var deadlines = await contexts.DeadlinesAsync(cancellationToken);
        // Read with each snapshot (a few hundred rows): a renamed section or person shows at the next change.
        var sections = await db.Sections.AsNoTracking().Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var staff = await db.Staff.AsNoTracking().Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

        var items = scope.SectionId is { } only ? facts.Where(i => i.SectionId == only).ToList() : facts;

        BoardItem ToItem(BoardFact i, DeadlineStatus status) => new(
            i.Id, Designation(i), i.Title, i.IsKey, Name(sections, i.SectionId, "未定科室"), Name(staff, i.HandlerId, "未定"),
            Name(staff, i.LeaderId, "未定"), i.State.ToChinese(), i.Deadline!.Value, status.DaysLeft, status.Level, IdleDays(i, today));

        // One pass over the scope's facts (after a change this runs over the year's 10,000 in memory, for every scope):
        // each item's deadline classified once, its section's load counted as it goes.
        var horizon = deadlines.Calendar.AddWorkingDays(today, settings.ForecastWorkingDays).End;
        var (overdueRows, dueSoonRows, forecastRows) = (new List<(BoardFact Row, DeadlineStatus Status)>(),
            new List<(BoardFact Row, DeadlineStatus Status)>(), new List<(BoardFact Row, DeadlineStatus Status)>());
        var tallies = new Dictionary<int, SectionTally>();
        foreach (var i in items)
        {
            SectionTally? tally = null;
            if (i.SectionId is { } sectionId)
            {
                if (!tallies.TryGetValue(sectionId, out tally))
                {
                    tallies[sectionId] = tally = new SectionTally();
                }

                if (i.IsOpen)
                {
                    tally.Open++;
                    tally.ByState[(int)i.State]++;
                }
            }

            if (i.Deadline is not { } deadline)
            {
                continue;
            }

            var status = deadlines.Classify(deadline, today, !i.IsOpen);
            if (status.Level == DeadlineLevel.Overdue)
            {
                overdueRows.Add((i, status));
                if (tally is not null)
                {
                    tally.Overdue++;
                }

                continue;
            }

            if (status.Level is DeadlineLevel.DueSoon or DeadlineLevel.Urgent)
            {
                dueSoonRows.Add((i, status));
                if (tally is not null)
                {
                    tally.DueSoon++;
                }
            }

            // Forecast: not yet overdue, the deadline within N working days, and nothing done for M days.
            if (status.Level != DeadlineLevel.Done && deadline <= horizon && IdleDays(i, today) >= settings.ForecastIdleDays)
            {
                forecastRows.Add((i, status));
            }
        }

        // Sorted stably: equal days keep the facts' (id) order.
        var overdue = overdueRows.OrderBy(c => c.Status.DaysLeft).Select(c => ToItem(c.Row, c.Status)).ToList();
        var dueSoon = dueSoonRows.OrderBy(c => c.Status.DaysLeft).Select(c => ToItem(c.Row, c.Status)).ToList();
        var forecast = forecastRows.OrderBy(c => c.Status.DaysLeft).Select(c => ToItem(c.Row, c.Status)).ToList();

        var lateCommitments = LateCommitments(facts, scope, today, sections);
        var lateBySection = lateCommitments.CountBy(c => c.Section).ToDictionary();
        var load = tallies
            .Select(t => new SectionLoad(t.Key, Name(sections, t.Key, "未定科室"),
                t.Value.ByState.Select((count, state) => (State: (ProposalState)state, Count: count)).Where(c => c.Count > 0)
                    .Select(c => new StateCount(c.State.ToChinese(), c.Count)).ToList(),
                t.Value.Open, t.Value.Overdue, t.Value.DueSoon,
                lateBySection.GetValueOrDefault(Name(sections, t.Key, "未定科室"))))
            .OrderByDescending(s => s.Overdue).ThenByDescending(s => s.Open).ToList();

        var keyItems = KeyProgress(items, today, deadlines, sections);

        // A section's board sorts its own few thousand entries straight away: the newest entries of all items seldom hold its feed.
        var inYear = db.Proposals.AsNoTracking().Where(p => p.Year == year);
        var activity = await ActivityAsync(db, scope.SectionId is { } section
                ? inYear.Where(p => p.Responsibility != null && p.Responsibility.SectionId == section)
                : inYear,
            scope.IsWholeBureau ? facts : null,
            settings.ActivityCount, cancellationToken);

        var figures = figuresRead is null ? null : await figuresRead;
        var headline = figures is not null
            ? new BoardHeadline(figures.Received, figures.Lead, figures.Assisting, figures.LeadClosed,
                items.Count(i => i.IsOpen), overdue.Count, dueSoon.Count,
                figures.CompletionRate.ToString(), figures.OnTimeRate.ToString(), figures.FinalSatisfaction.ToString(),
                figures.PublicationRate.ToString())
            : new BoardHeadline(items.Count, items.Count(i => i.Role == HandlingRole.Lead), items.Count(i => i.Role == HandlingRole.Assisting),
                items.Count(i => i.State == ProposalState.Closed), items.Count(i => i.IsOpen),
                overdue.Count, dueSoon.Count, null, null, null, null);

        var snapshot = new BoardSnapshot(year, today, scope,
            scope.SectionId is { } s ? Name(sections, s, "本科室") : "全局",
            headline, overdue, dueSoon, load, keyItems, lateCommitments, forecast,
            settings.ForecastWorkingDays, settings.ForecastIdleDays, activity);
        return snapshot with { Parts = BoardParts.Of(snapshot, settings.BoardListRows, clock.Zone) };
    }

    /// <summary>
    /// The latest entries of the scope's items, newest first. The newest entries of all items are read first, along the
    /// At index: on the current year's board nearly all of them are the scope's, and when at least <paramref name="count"/>
    /// of them are, they are exactly the scope's latest. Only otherwise (a section's board, a past year) are all the scope's
    /// entries sorted, as before; that sort is what the bureau's board of the current year used to pay on every change
    /// (about 114,000 entries at 100,000 items).
    /// </summary>
    /// <remarks>
    /// The newest entries' lines are read by their ids alone (the primary key), their items' designations taken from the
    /// kept facts: joined to the year's items in SQL, SQLite walked the year's items and their ~114,000 entries to sort
    /// them (about 60 ms, half the bureau's snapshot after session 8).
    /// </remarks>
    private static async Task<List<ActivityLine>> ActivityAsync(PortalDbContext db, IQueryable<Proposal> scope, IReadOnlyList<BoardFact>? scopeFacts,
        int count, CancellationToken cancellationToken)
    {
        if (scopeFacts is not null)
        {
            var newest = await db.AuditEntries.AsNoTracking()
                .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
                .Take(count * RecentActivityWindow)
                .Select(a => new { a.Id, a.ProposalId })
                .ToListAsync(cancellationToken);
            var latest = newest.Select(a => (a.Id, Item: Find(scopeFacts, a.ProposalId))).Where(a => a.Item is not null).Take(count).ToList();
            if (latest.Count == count || newest.Count < count * RecentActivityWindow)
            {
                var ids = latest.Select(a => a.Id).ToList();
                var read = await db.AuditEntries.AsNoTracking().Where(a => ids.Contains(a.Id))
                    .Select(a => new { a.Id, a.At, a.ActorName, a.Action, a.FromState, a.ToState })
                    .ToDictionaryAsync(a => a.Id, cancellationToken);
                // In the newest entries' order (the database's, as the section's sort below).
                return latest.Where(a => read.ContainsKey(a.Id)).Select(a =>
                {
                    var line = read[a.Id];
                    return new ActivityLine(a.Id, a.Item!.Id, Designation(a.Item), line.At, line.ActorName, line.Action.ToChinese(),
                        line.FromState?.ToChinese(), line.ToState?.ToChinese());
                }).ToList();
            }
        }

        var lines = await (
                from a in db.AuditEntries.AsNoTracking()
                join p in scope on a.ProposalId equals p.Id
                orderby a.At descending, a.Id descending
                select new { a.Id, a.ProposalId, p.Session, p.Number, p.Kind, a.At, a.ActorName, a.Action, a.FromState, a.ToState })
            .Take(count)
            .ToListAsync(cancellationToken);
        return lines.Select(a => new ActivityLine(a.Id, a.ProposalId, Proposal.DesignationOf(a.Session, a.Number, a.Kind),
            a.At, a.ActorName, a.Action.ToChinese(), a.FromState?.ToChinese(), a.ToState?.ToChinese())).ToList();
    }

    /// <summary>The fact of item <paramref name="id"/> among <paramref name="facts"/> (in id order), or null.</summary>
    private static BoardFact? Find(IReadOnlyList<BoardFact> facts, int id)
    {
        var (low, high) = (0, facts.Count - 1);
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            var at = facts[middle].Id;
            if (at == id)
            {
                return facts[middle];
            }

            (low, high) = at < id ? (middle + 1, high) : (low, middle - 1);
        }

        return null;
    }

    // A promise is late once its date has passed; it counts for its owner section, or else for its item's section.
    private static List<LateCommitment> LateCommitments(IReadOnlyList<BoardFact> facts, BoardScope scope, DateOnly today,
        Dictionary<int, string> sections) =>
        facts.Where(i => i.OpenCommitments.Count > 0).SelectMany(i => i.OpenCommitments.Where(c => c.DueOn < today)
                .Select(c => (Item: i, Commitment: c, SectionId: c.OwnerSectionId ?? i.SectionId)))
            .Where(c => scope.SectionId is null || c.SectionId == scope.SectionId)
            .Select(c => new LateCommitment(c.Item.Id, Designation(c.Item), Name(sections, c.SectionId, "未定科室"),
                c.Commitment.Description, c.Commitment.DueOn, today.DayNumber - c.Commitment.DueOn.DayNumber))
            .OrderBy(c => c.Section).ThenByDescending(c => c.DaysLate).ToList();

    private static List<KeyProgress> KeyProgress(IReadOnlyList<BoardFact> items, DateOnly today, DeadlineCalculator deadlines,
        Dictionary<int, string> sections) =>
        items.Where(i => i.Key is not null)
            .OrderBy(i => i.Session).ThenBy(i => i.Number).ThenBy(i => i.Id)
            .Select(p =>
            {
                var key = p.Key!;
                var status = p.Deadline is { } d ? deadlines.Classify(d, today, !p.IsOpen) : null;
                var steps = new List<ProgressStep>
                {
                    new("办前联系", key.Contacted),
                    new("面商", key.FaceToFace),
                    new("拟稿", key.Drafted || p.Role == HandlingRole.Assisting && key.Replied),
                    new("审核", key.Reviewed),
                    new("签发", key.SignedOff),
                    new("答复", key.RepliedOn is not null || p.State is ProposalState.OpinionSent or ProposalState.Closed),
                    new("评价", key.Evaluated),
                    new("承诺落实", key.Committed ? !key.CommitmentsOpen : p.State == ProposalState.Closed),
                };
                return new KeyProgress(p.Id, Designation(p), p.Title, Name(sections, p.SectionId, "未定科室"),
                    p.Deadline, status?.DaysLeft, status?.Level, p.State.ToChinese(), steps);
            }).ToList();

    // How many of all items' newest audit entries are read, per line of the feed, before sorting the scope's own: 50 × 20
    // lines is 1,000 index entries (about a millisecond), enough for the bureau's board of the current year.
    private const int RecentActivityWindow = 50;

    private static int IdleDays(BoardFact item, DateOnly today) => item.LastStepOn is { } last ? today.DayNumber - last.DayNumber : 0;

    /// <summary>One section's load, counted in the snapshot's one pass.</summary>
    private sealed class SectionTally
    {
        public int[] ByState { get; } = new int[StateCount];
        public int Open { get; set; }
        public int Overdue { get; set; }
        public int DueSoon { get; set; }
    }

    // The states' values run 0, 1, … (ProposalState declares none): a section's open items are counted by value.
    private static readonly int StateCount = Enum.GetValues<ProposalState>().Max(s => (int)s) + 1;

    private static string Designation(BoardFact i) => Proposal.DesignationOf(i.Session, i.Number, i.Kind);

    private static string Name(Dictionary<int, string> names, int? id, string none) =>
        id is { } key && names.TryGetValue(key, out var name) ? name : none;
}
