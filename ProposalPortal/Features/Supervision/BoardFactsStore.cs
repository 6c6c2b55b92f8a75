using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Statistics;

namespace ProposalPortal.Features.Supervision;

/// <summary>
/// This node's copy of each year's per-item board facts (<see cref="BoardFact"/>), kept current item by item as
/// <see cref="YearFactsStore"/> keeps the figures' facts: the board snapshot after a change then costs the changed items'
/// four reads by key and a pass over the year in memory, not a read of the year's 10,000 items, their last steps, key
/// items and commitments (BENCHMARKS.md, "Issue 17, session 9").
/// <para>
/// A year is read whole on first use. The items to read again are named two ways, both heard on every node: every
/// board change (<see cref="SupervisionChange.ProposalIds"/>, through <see cref="ISupervisionNotifier"/>: a step, a 催办,
/// a registration, a deadline crossing), and every committed save that touches items (through
/// <see cref="FiguresInvalidation"/> and the node bus, which <see cref="YearFactsStore.ItemsChanged"/> repeats: a save
/// that announces no board change, such as a correction, is seen too). A change does not say its item's year, so its
/// items are marked in every year held; a year not theirs finds nothing and keeps nothing.
/// </para>
/// Nothing kept depends on the date: deadlines are classified against today, and the late commitments chosen, when a
/// snapshot is computed, so a new day or a deadline crossing needs no read. Names (sections, staff) are read with each
/// snapshot, not kept.
/// </summary>
public sealed class BoardFactsStore : IDisposable
{
    /// <summary>Above this many changed items of one year, the year is read whole (as <see cref="YearFactsStore"/>).</summary>
    public const int MostItemsReadAlone = YearFactsStore.MostItemsReadAlone;

    private readonly ConcurrentDictionary<int, YearEntry> _years = new();
    private readonly PortalClock _clock;
    private readonly YearFactsStore _figures;
    private readonly IDisposable _subscription;
    private long _wholeReads;
    private long _itemReads;

    public BoardFactsStore(ISupervisionNotifier notifier, YearFactsStore figures, PortalClock clock)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(figures);
        _clock = clock;
        _figures = figures;
        _figures.ItemsChanged += OnSaved;
        _subscription = notifier.Subscribe(change =>
        {
            Changed(change);
            return Task.CompletedTask;
        });
    }

    /// <summary>How many times a year was read whole (a test and benchmark seam).</summary>
    public long WholeReads => Interlocked.Read(ref _wholeReads);

    /// <summary>How many times changed items were read again (a test seam).</summary>
    public long ItemReads => Interlocked.Read(ref _itemReads);

    /// <summary>
    /// A board change: its items are read again in every year held. <see cref="BoardSnapshots"/> calls it too, before it
    /// starts the computation the change causes, so that the order of the notifier's subscribers does not matter.
    /// </summary>
    public void Changed(SupervisionChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.ProposalIds.Count > 0)
        {
            Mark(null, change.ProposalIds);
        }
    }

    public void Dispose()
    {
        _figures.ItemsChanged -= OnSaved;
        _subscription.Dispose();
    }

    private void OnSaved(int? year, IReadOnlyCollection<int>? ids) => Mark(year, ids);

    /// <summary>Items changed: of <paramref name="year"/> (null: any year held); <paramref name="ids"/> null: the year read whole.</summary>
    private void Mark(int? year, IReadOnlyCollection<int>? ids)
    {
        if (year is { } known)
        {
            if (_years.TryGetValue(known, out var entry))
            {
                entry.Mark(ids);
            }

            return;
        }

        foreach (var entry in _years.Values)
        {
            entry.Mark(ids);
        }
    }

    /// <summary>
    /// The board facts of every item of <paramref name="year"/>, in id order, as of the last change this node heard of:
    /// the copy, with the items changed since read again (or the year read whole on first use). The list handed out is
    /// never changed afterwards.
    /// </summary>
    public async Task<IReadOnlyList<BoardFact>> GetAsync(PortalDbContext db, int year, CancellationToken cancellationToken)
    {
        var entry = _years.GetOrAdd(year, _ => new YearEntry());
        await entry.Kept.Gate.WaitAsync(cancellationToken);
        try
        {
            switch (await entry.Kept.RefreshAsync(false, ids => BoardFactsQuery.ReadAsync(db, year, ids, _clock, cancellationToken)))
            {
                case true:
                    Interlocked.Increment(ref _wholeReads);
                    entry.Facts = null;
                    break;
                case false:
                    Interlocked.Increment(ref _itemReads);
                    entry.Facts = null;
                    break;
            }

            return entry.Facts ??= Ordered(entry.Kept.Items!);
        }
        finally
        {
            entry.Kept.Gate.Release();
        }
    }

    /// <summary>The board facts of a year read whole, past the copy: what the tests compare the kept facts with.</summary>
    public static async Task<IReadOnlyList<BoardFact>> ReadWholeAsync(PortalDbContext db, int year, PortalClock clock, CancellationToken cancellationToken) =>
        Ordered(await BoardFactsQuery.ReadAsync(db, year, null, clock, cancellationToken));

    private static BoardFact[] Ordered(Dictionary<int, BoardFact> items)
    {
        var facts = items.Values.ToArray();
        Array.Sort(facts, (a, b) => a.Id.CompareTo(b.Id));
        return facts;
    }

    private sealed class YearEntry
    {
        public KeptYear<BoardFact> Kept { get; } = new();

        public BoardFact[]? Facts { get; set; }

        public void Mark(IReadOnlyCollection<int>? ids) => Kept.Note(ids);
    }
}

/// <summary>
/// What a board needs of one item, none of it depending on the date: the row's columns, the local date of its last
/// step (open items only: only they show idle days), its key-item progress (key items only) and its promises not yet done.
/// </summary>
public sealed record BoardFact(
    int Id, string Session, int Number, ProposalKind Kind, string Title, bool IsKey, HandlingRole Role, ProposalState State,
    DateOnly? Deadline, int? SectionId, int? HandlerId, int? LeaderId, DateOnly? LastStepOn, KeyFacts? Key,
    IReadOnlyList<OpenCommitment> OpenCommitments)
{
    public bool IsOpen => !Proposal.IsDeadlineStepDoneIn(State);
}

/// <summary>The answers to a key item's eight progress steps (<see cref="BoardService"/> names them).</summary>
public sealed record KeyFacts(
    DateOnly? RepliedOn, bool Contacted, bool FaceToFace, bool Replied, bool Drafted, bool Reviewed, bool SignedOff, bool Evaluated,
    bool Committed, bool CommitmentsOpen);

/// <summary>A promise of an item still open or in progress: late once its date has passed.</summary>
public sealed record OpenCommitment(int Id, string Description, DateOnly DueOn, int? OwnerSectionId);

/// <summary>
/// The four reads of the board facts: the items, their last steps, the key items' progress and the open promises, each
/// over a year's items or over some of them by id (on the primary key).
/// </summary>
internal static class BoardFactsQuery
{
    private static readonly ProposalState[] DoneStates = Enum.GetValues<ProposalState>().Where(Proposal.IsDeadlineStepDoneIn).ToArray();

    public static async Task<Dictionary<int, BoardFact>> ReadAsync(PortalDbContext db, int year, IReadOnlyCollection<int>? ids,
        PortalClock clock, CancellationToken cancellationToken)
    {
        var query = db.Proposals.AsNoTracking().Where(p => p.Year == year);
        if (ids is not null)
        {
            var only = ids.ToList();
            query = query.Where(p => only.Contains(p.Id));
        }

        var items = await query
            .Select(p => new
            {
                p.Id, p.Session, p.Number, p.Kind, p.Title, p.IsKey, p.Role, p.State, p.Deadline,
                SectionId = p.Responsibility == null ? (int?)null : p.Responsibility.SectionId,
                HandlerId = p.Responsibility == null ? (int?)null : p.Responsibility.HandlerId,
                LeaderId = p.Responsibility == null ? (int?)null : p.Responsibility.LeaderId,
            })
            .ToListAsync(cancellationToken);
        if (items.Count == 0)
        {
            return [];
        }

        // The last step taken on each open item: how long it has been idle. Grouped in SQL, one row per open item, rather
        // than every audit entry of every open item (about 22,000 rows for the current year at 100,000 items).
        var lastSteps = (await (
                    from a in db.AuditEntries.AsNoTracking()
                    join p in query on a.ProposalId equals p.Id
                    where !DoneStates.Contains(p.State)
                    group a.At by a.ProposalId into g
                    select new { ProposalId = g.Key, At = g.Max() })
                .ToListAsync(cancellationToken))
            .ToDictionary(a => a.ProposalId, a => clock.LocalDate(a.At));

        // Only what the progress steps ask of each key item, in one query: before session 7, every key item was loaded
        // whole (its replies' bodies, audit trail, attachments … in ten split queries) to answer eight yes-or-no questions.
        var keys = await query.Where(p => p.IsKey)
            .Select(p => new
            {
                p.Id,
                Facts = new KeyFacts(
                    p.RepliedOn,
                    p.Communications.Any(),
                    p.Communications.Any(c => Communication.FaceToFaceMethods.Contains(c.Method)),
                    p.Replies.Any(),
                    // The letter of the latest round, as the item page shows it.
                    p.Replies.Any(r => r.Kind == ReplyKind.Letter),
                    p.Replies.Where(r => r.Kind == ReplyKind.Letter).OrderByDescending(r => r.Round).Select(r => r.ReviewedAt != null).FirstOrDefault(),
                    p.Replies.Where(r => r.Kind == ReplyKind.Letter).OrderByDescending(r => r.Round).Select(r => r.SignedAt != null).FirstOrDefault(),
                    p.Evaluations.Any(),
                    p.Commitments.Any(),
                    p.Commitments.Any(c => c.Status != CommitmentStatus.Done && c.Status != CommitmentStatus.Dropped)),
            })
            .ToDictionaryAsync(k => k.Id, k => k.Facts, cancellationToken);

        // Every promise not yet done, late or not: which are late is decided against today when a snapshot is computed.
        var commitments = (await (
                    from c in db.Set<Commitment>().AsNoTracking()
                    join p in query on EF.Property<int>(c, "ProposalId") equals p.Id
                    where c.Status == CommitmentStatus.Open || c.Status == CommitmentStatus.InProgress
                    select new { ProposalId = p.Id, c.Id, c.Description, c.DueOn, c.OwnerSectionId })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.ProposalId, c => new OpenCommitment(c.Id, c.Description, c.DueOn, c.OwnerSectionId));

        return items.ToDictionary(i => i.Id, i => new BoardFact(
            i.Id, i.Session, i.Number, i.Kind, i.Title, i.IsKey, i.Role, i.State, i.Deadline, i.SectionId, i.HandlerId, i.LeaderId,
            lastSteps.TryGetValue(i.Id, out var last) ? last : null,
            keys.GetValueOrDefault(i.Id),
            commitments.Contains(i.Id) ? [.. commitments[i.Id].OrderBy(c => c.Id)] : []));
    }
}
