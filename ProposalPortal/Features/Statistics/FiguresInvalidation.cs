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
/// The one place where the figures' copies (<see cref="FiguresCache"/>) are dropped: every save, whatever made it (a
/// step, a late 满意度 through an evaluation link, an import, an edit of a section), passes here. Before the save it notes
/// the years whose figures the save touches; once the save has committed it drops those years' copies on this node
/// and tells the other nodes (<see cref="NodeCacheInvalidation.FiguresTopic"/>).
/// <para>
/// Registered before <see cref="Data.DomainEventDispatcher"/>, so the copies are gone before the boards hear of the
/// change and recompute. Inside a transaction the copies are dropped at the save and again at the commit: a read
/// between the two still sees the old rows and its copy must not survive the commit.
/// </para>
/// </summary>
public sealed class FiguresInvalidation(FiguresCache cache, INodeBus nodes) : Data.AfterCommitInterceptor
{
    /// <summary>The message meaning "every year".</summary>
    public const string EveryYear = "*";

    private readonly ConditionalWeakTable<DbContext, Touched> _pending = [];

    /// <summary>The rows the figures read (besides the item itself, and the work meetings and section names).</summary>
    private static readonly HashSet<Type> ItemParts =
        [typeof(Reply), typeof(Evaluation), typeof(Communication), typeof(ProposalTopic), typeof(Proposer)];

    private sealed class Touched
    {
        public HashSet<int> Years { get; } = [];
        public bool EveryYear { get; set; }
        public bool Saved { get; set; }
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

    /// <summary>Drops the copies a message from another node names (<see cref="NodeCacheInvalidation"/>).</summary>
    public static void Apply(FiguresCache cache, string message)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(message);
        if (message == EveryYear)
        {
            cache.InvalidateAll();
            return;
        }

        var years = message.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(y => int.Parse(y, NumberStyles.None, CultureInfo.InvariantCulture)).ToList();
        cache.Invalidate(years.Concat(years.Select(y => y + 1)));
    }

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var touched = new Touched();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            switch (entry.Entity)
            {
                case Proposal proposal:
                    touched.Years.Add(proposal.Year);
                    if (entry.State == EntityState.Modified && entry.Property(nameof(Proposal.Year)).OriginalValue is int before)
                    {
                        touched.Years.Add(before);
                    }

                    break;
                case WorkMeeting meeting:
                    touched.Years.Add(meeting.Year);
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

        if (touched.EveryYear || touched.Years.Count > 0)
        {
            _pending.AddOrUpdate(context, touched);
        }
        else
        {
            _pending.Remove(context);
        }
    }

    /// <summary>A reply, an evaluation, a talk, a topic, a proposer or the item's responsibility: the year of its item.</summary>
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
        if (item is null)
        {
            // Saved without its item loaded: which year is unknown here, so every year's copies go.
            touched.EveryYear = true;
        }
        else
        {
            touched.Years.Add(item.Entity.Year);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var touched))
        {
            return;
        }

        touched.Saved = true;
        Drop(touched);
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
        Drop(touched);
        // The other nodes drop theirs; nothing is sent on a single server. Not awaited: the bus never throws, and the
        // saver must not wait for Redis.
        _ = nodes.PublishAsync(NodeCacheInvalidation.FiguresTopic,
            touched.EveryYear ? EveryYear : string.Join(',', touched.Years.Select(y => y.ToString(CultureInfo.InvariantCulture))));
    }

    private void Drop(Touched touched)
    {
        if (touched.EveryYear)
        {
            cache.InvalidateAll();
        }
        else
        {
            // A year's figures also count the year before's items (上年同期): its copies go too.
            cache.Invalidate(touched.Years.Concat(touched.Years.Select(y => y + 1)));
        }
    }

    // A failure or a rollback after the save: what was dropped at the save is simply computed again; nothing stays pending.
    protected override void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
