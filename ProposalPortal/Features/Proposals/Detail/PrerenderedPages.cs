using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.Detail;

/// <summary>The item page. Bound from "ItemPage".</summary>
public sealed class ItemPageOptions
{
    public const string SectionName = "ItemPage";

    /// <summary>
    /// How long the page loaded for the prerender waits for the circuit that starts right after it
    /// (<see cref="PrerenderedPages"/>). A circuit that starts later, and a client without script, are not waited for:
    /// the circuit then loads the page afresh.
    /// </summary>
    public int PrerenderHandOffSeconds { get; set; } = 30;

    /// <summary>
    /// How many prerendered pages may wait for their circuit at once. Clients that never start one (a script-less
    /// client, a load tool, a crawler behind a sign-in) would otherwise keep a page each for the whole hand-off; past
    /// the limit the oldest waiting page goes, and its circuit, if it still comes, loads the page itself.
    /// </summary>
    public int PrerenderHandOffLimit { get; set; } = 1000;
}

/// <summary>
/// Hands the item page's read model from its prerender to the island's circuit, so that a browser's item page is loaded
/// once, not twice (prerender, then again when the circuit starts: BENCHMARKS.md, issue 17, session 7). The prerender
/// keeps its <see cref="ProposalPage"/> here under a random key, and the key travels to the circuit as the island's
/// persistent component state (<c>[PersistentState]</c>, protected in the page like any). The page itself does not:
/// it holds the item aggregate, the deadline rules and the time zone, which are not a serializable model.
/// <para>
/// The circuit takes the page once, only for the same item and for the same person with the same rights as they are
/// read at that moment (the island asks <c>CurrentActor</c> as always); otherwise, or after
/// <see cref="ItemPageOptions.PrerenderHandOffSeconds"/>, it loads the page itself. Kept in this process: a circuit
/// runs on the server that prerendered its page (Blazor Server needs sticky sessions), and one on another node simply
/// finds nothing and loads.
/// </para>
/// </summary>
public sealed class PrerenderedPages(TimeProvider time, IOptionsMonitor<ItemPageOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> _pages = new(StringComparer.Ordinal);

    // The keys in the order they were kept, so the expired and the oldest go without a walk over every page. A key
    // taken by its circuit stays here until its turn comes and is then skipped.
    private readonly Queue<string> _order = new();

    /// <summary>How many pages wait for their circuit now (expired ones go at the next <see cref="Keep"/>).</summary>
    public int Count => _pages.Count;

    /// <summary>Keeps <paramref name="page"/>, loaded for <paramref name="actor"/>; returns the key the circuit asks with.</summary>
    public string Keep(ProposalPage page, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(page);
        var now = time.GetUtcNow();
        var settings = options.CurrentValue;
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        lock (_order)
        {
            // Pages whose circuit never came (a client without script, a closed tab) go here, at most one hand-off
            // late; and the oldest go while the limit is reached.
            while (_order.TryPeek(out var oldest)
                && (!_pages.TryGetValue(oldest, out var entry) || entry.Until <= now || _pages.Count >= Math.Max(1, settings.PrerenderHandOffLimit)))
            {
                _pages.TryRemove(_order.Dequeue(), out _);
            }

            _pages[key] = new Entry(page, actor, now + TimeSpan.FromSeconds(Math.Max(0, settings.PrerenderHandOffSeconds)));
            _order.Enqueue(key);
        }

        return key;
    }

    /// <summary>The page kept under <paramref name="key"/>, once, when it is item <paramref name="id"/> loaded for
    /// <paramref name="actor"/> as they are now; null otherwise (the caller loads the page itself).</summary>
    public ProposalPage? Take(string key, int id, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return _pages.TryRemove(key, out var entry) && entry.Until > time.GetUtcNow()
            && entry.Page.Proposal.Id == id && SameRights(entry.Actor, actor)
            ? entry.Page
            : null;
    }

    private static bool SameRights(Actor a, Actor b) =>
        a.StaffId == b.StaffId && a.Roles == b.Roles && a.SectionId == b.SectionId && a.IsSignOffDelegate == b.IsSignOffDelegate
        && a.ProposerId == b.ProposerId && a.OverseenSections.SetEquals(b.OverseenSections);

    private sealed record Entry(ProposalPage Page, Actor Actor, DateTimeOffset Until);
}
