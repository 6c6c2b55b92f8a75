using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Nodes;

namespace ProposalPortal.Features.Statistics;

/// <summary>
/// The one place where the figures' copies (<see cref="FiguresCache"/>) are dropped and this node's facts
/// (<see cref="YearFactsStore"/>) told which items changed: every save, whatever made it (a step, a late 满意度 through an
/// evaluation link, an import, an edit of a section), passes here. Before the save it notes the items (and so the years)
/// whose figures the save touches; once the save has committed it drops those years' copies and marks those items on
/// this node, and tells the other nodes the same (<see cref="NodeCacheInvalidation.FiguresTopic"/>), so that every node
/// reads again only the changed items.
/// <para>
/// Registered before <see cref="Data.DomainEventDispatcher"/>, so the copies are gone before the boards hear of the
/// change and recompute. Inside a transaction the copies are dropped at the save and again at the commit: a read
/// between the two still sees the old rows and its copy must not survive the commit.
/// </para>
/// <para>
/// The message: parts separated by <c>;</c>: <c>*</c> (every year's figures: a section's name, the calendar),
/// <c>2026:12,13</c> (items 12 and 13 of 2026), <c>2026:</c> (2026's figures, no item: a work
/// meeting), <c>?:12</c> (item 12, of a year not known here) and <c>2026</c> (2026's items, which ones not known: the year
/// is read whole; a list of such years, <c>2026,2025</c>, is what nodes sent before the items were named).
/// </para>
/// </summary>
public sealed class FiguresInvalidation(FiguresCache cache, YearFactsStore facts, INodeBus nodes) : Data.AfterCommitInterceptor
{
    /// <summary>The message meaning "every year's figures".</summary>
    public const string EveryYear = "*";

    private const string UnknownYear = "?";

    private readonly ConditionalWeakTable<DbContext, Touched> _pending = [];

    /// <summary>The rows the figures read (besides the item itself, and the work meetings and section names).</summary>
    private static readonly HashSet<Type> ItemParts =
        [typeof(Reply), typeof(Evaluation), typeof(Communication), typeof(ProposalTopic), typeof(Proposer)];

    private sealed class Touched
    {
        /// <summary>The items changed, by year (a new item's id is known only once it is saved: the object is kept).</summary>
        public Dictionary<int, HashSet<Proposal>> Items { get; } = [];

        /// <summary>Items whose year is not known here (a part saved without its item loaded).</summary>
        public HashSet<int> ItemsOfUnknownYear { get; } = [];

        /// <summary>Years whose work meetings changed.</summary>
        public HashSet<int> MeetingYears { get; } = [];

        public bool EveryYear { get; set; }

        public bool Saved { get; set; }

        public string? Message { get; set; }

        public bool Any => EveryYear || Items.Count > 0 || ItemsOfUnknownYear.Count > 0 || MeetingYears.Count > 0;

        public void Add(int year, Proposal item)
        {
            if (!Items.TryGetValue(year, out var items))
            {
                Items[year] = items = new HashSet<Proposal>(ReferenceEqualityComparer.Instance);
            }

            items.Add(item);
        }
    }

    protected override void BeforeSave(DbContext? context) => Note(context);

    protected override Task AfterSaveAsync(DbContext? context, CancellationToken cancellationToken)
    {
        Saved(context);
        return Task.CompletedTask;
    }

    protected override Task AfterCommitAsync(DbContext? context, CancellationToken cancellationToken)
    {
        Committed(context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Drops the copies a message names and marks its items on this node's facts (a message from this node's own save, or
    /// from another node's through <see cref="NodeCacheInvalidation"/>).
    /// </summary>
    public static void Apply(FiguresCache cache, YearFactsStore facts, string message)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(message);
        var given = message.Split(';', StringSplitOptions.RemoveEmptyEntries);
        if (given.Contains(EveryYear))
        {
            cache.InvalidateAll();
        }

        List<(int? Year, IReadOnlyCollection<int>? Ids)> parts;
        try
        {
            parts = Parse(given.Where(p => p != EveryYear));
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            // Not a message this node understands: nothing it holds can be trusted.
            facts.ForgetAll();
            cache.InvalidateAll();
            return;
        }

        foreach (var (year, ids) in parts)
        {
            if (year is not { } known)
            {
                facts.ChangedInSomeYear(ids!);
                cache.InvalidateAll();
            }
            else if (ids is { Count: 0 })
            {
                cache.Invalidate([known]);
            }
            else
            {
                facts.Changed(known, ids);
                // A year's figures also count the year before's items (上年同期): the next year's copies go too.
                cache.Invalidate([known, known + 1]);
            }
        }
    }

    private static List<(int? Year, IReadOnlyCollection<int>? Ids)> Parse(IEnumerable<string> given)
    {
        static int Number(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        var parts = new List<(int? Year, IReadOnlyCollection<int>? Ids)>();
        foreach (var part in given)
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                parts.AddRange(part.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(y => ((int?)Number(y), (IReadOnlyCollection<int>?)null)));
                continue;
            }

            var year = part[..colon] == UnknownYear ? (int?)null : Number(part[..colon]);
            var ids = part[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Number).ToList();
            parts.Add((year, ids));
        }

        return parts;
    }

    /// <param name="idOf">
    /// A new item's id, read from its entry: when the save's interceptors run, EF holds the id the database gave it
    /// there, and has not yet set it on the object.
    /// </param>
    private static string Format(Touched touched, Func<Proposal, int> idOf)
    {
        if (touched.EveryYear && touched.Items.Count == 0 && touched.ItemsOfUnknownYear.Count == 0 && touched.MeetingYears.Count == 0)
        {
            return EveryYear;
        }

        static string Ids(IEnumerable<int> ids) => string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        var parts = new List<string>();
        foreach (var (year, items) in touched.Items)
        {
            // Too many to name (an import): the year is read whole.
            parts.Add(items.Count > YearFactsStore.MostItemsReadAlone
                ? year.ToString(CultureInfo.InvariantCulture)
                : FormattableString.Invariant($"{year}:{Ids(items.Select(idOf))}"));
        }

        parts.AddRange(touched.MeetingYears.Where(y => !touched.Items.ContainsKey(y)).Select(y => FormattableString.Invariant($"{y}:")));
        if (touched.ItemsOfUnknownYear.Count > 0)
        {
            parts.Add($"{UnknownYear}:{Ids(touched.ItemsOfUnknownYear)}");
        }

        if (touched.EveryYear)
        {
            // Sections or the calendar changed too: every year's figures go.
            parts.Add(EveryYear);
        }

        return string.Join(';', parts);
    }

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Several saves in one transaction of the caller's: what each touched is told at the commit, all together.
        var touched = context.Database.CurrentTransaction is not null && _pending.TryGetValue(context, out var open) ? open : new Touched();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            switch (entry.Entity)
            {
                case Proposal proposal:
                    touched.Add(proposal.Year, proposal);
                    if (entry.State == EntityState.Modified && entry.Property(nameof(Proposal.Year)).OriginalValue is int before && before != proposal.Year)
                    {
                        touched.Add(before, proposal);
                    }

                    break;
                case WorkMeeting meeting:
                    touched.MeetingYears.Add(meeting.Year);
                    break;
                case Section or CalendarDay:
                    // Section names and the working-day calendar are in every year's figures.
                    touched.EveryYear = true;
                    break;
                default:
                    if (entry.Metadata.IsOwned() || ItemParts.Contains(entry.Metadata.ClrType))
                    {
                        NoteItemPart(context, entry, touched);
                    }

                    break;
            }
        }

        if (touched.Any)
        {
            _pending.AddOrUpdate(context, touched);
        }
        else
        {
            _pending.Remove(context);
        }
    }

    /// <summary>A reply, an evaluation, a talk, a topic, a proposer or the item's responsibility: its item.</summary>
    private static void NoteItemPart(DbContext context, EntityEntry entry, Touched touched)
    {
        var toItem = entry.Metadata.GetForeignKeys().FirstOrDefault(fk => fk.PrincipalEntityType.ClrType == typeof(Proposal));
        if (toItem is null)
        {
            return;
        }

        var property = entry.Property(toItem.Properties[0].Name);
        var id = entry.State == EntityState.Deleted ? property.OriginalValue : property.CurrentValue;
        // The entry's key, not the object's Id: a new item's key is a temporary value until the insert.
        var item = context.ChangeTracker.Entries<Proposal>().FirstOrDefault(p => Equals(p.Property(x => x.Id).CurrentValue, id));
        if (item is not null)
        {
            touched.Add(item.Entity.Year, item.Entity);
        }
        else if (id is int known)
        {
            // Saved without its item loaded (so the item exists, with this id): which year is not known here.
            touched.ItemsOfUnknownYear.Add(known);
        }
        else
        {
            touched.EveryYear = true;
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var touched))
        {
            return;
        }

        touched.Saved = true;
        // Now that the save has run, a new item has its id.
        touched.Message = Format(touched, item => context.Entry(item).Property(p => p.Id).CurrentValue);
        Apply(cache, facts, touched.Message);
        if (context.Database.CurrentTransaction is null)
        {
            Committed(context);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var touched) || !touched.Saved)
        {
            return;
        }

        _pending.Remove(context);
        var message = touched.Message ?? Format(touched, item => context.Entry(item).Property(p => p.Id).CurrentValue);
        Apply(cache, facts, message);
        // The other nodes do the same; nothing is sent on a single server. Not awaited: the bus never throws, and the
        // saver must not wait for Redis.
        _ = nodes.PublishAsync(NodeCacheInvalidation.FiguresTopic, message);
    }

    // A failure or a rollback after the save: what was dropped and marked at the save is simply read again; nothing stays pending.
    protected override void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
