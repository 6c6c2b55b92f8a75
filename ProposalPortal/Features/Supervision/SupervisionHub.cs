using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Features.Supervision;

/// <summary>
/// Board updates for clients without Blazor (a wall display, another system). A signed-in leader or Office clerk,
/// or an API key with the <c>read</c> scope, hears of every change; section staff only of their section's. Every
/// committed change arrives as <see cref="ChangedMethod"/>, then the new figures of the caller's scope as
/// <see cref="FiguresMethod"/>; <see cref="GetBoard"/> returns the board data within the caller's scope.
/// </summary>
[Authorize(Policy = PortalPolicies.BoardReader)]
public sealed class SupervisionHub(IDbContextFactory<PortalDbContext> dbFactory, BoardSnapshots boards, PortalClock clock,
    IStaffConnections connections, BoardAudience audience) : Hub
{
    public const string Path = "/hubs/supervision";
    public const string ChangedMethod = "changed";
    /// <summary>The new figures of the client's scope (<see cref="BoardFigures"/>), once computed after a change.</summary>
    public const string FiguresMethod = "figures";
    public const string BureauGroup = "bureau";

    private const string TrackingKey = "staff-connection";
    private const string AudienceKey = "board-audience";

    /// <summary>Why a hub call is refused once the caller's account no longer stands.</summary>
    public const string NoLongerAllowed = "账号已停用、须先修改密码或已无权查看督办看板。";

    public static string SectionGroup(int sectionId) => FormattableString.Invariant($"section:{sectionId}");

    public override async Task OnConnectedAsync()
    {
        var scope = await ScopeOfAsync(Context.User ?? new ClaimsPrincipal(), dbFactory, Context.ConnectionAborted);
        if (scope is null)
        {
            // Signed in but neither a leader, the Office, a section's staff nor a read key (an administrator's
            // account, a deactivated person): no board data.
            Context.Abort();
            return;
        }

        // Deactivation or a change of roles or section closes the connection (StaffAdministration): the client
        // reconnects with today's scope, or is refused.
        if (StaffIdOf(Context.User) is { } staffId)
        {
            Context.Items[TrackingKey] = connections.Track(staffId, Context.ConnectionId, Context.Abort);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId,
            scope.SectionId is { } section ? SectionGroup(section) : BureauGroup, Context.ConnectionAborted);
        // The figures go to this node's connections of each scope (BoardAudience): each node computes its own.
        Context.Items[AudienceKey] = audience.Join(scope, Context.ConnectionId);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        (Context.Items[TrackingKey] as IDisposable)?.Dispose();
        (Context.Items[AudienceKey] as IDisposable)?.Dispose();
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// The board of <paramref name="year"/> (this year when 0), within the caller's scope as it stands now: the
    /// connection may be older than the last change to the account. The snapshot is the one shared by every board of
    /// that scope (<see cref="BoardSnapshots"/>): a thousand clients calling after a change cost one computation.
    /// </summary>
    public async Task<BoardSnapshot> GetBoard(int year)
    {
        var scope = await ScopeOfAsync(Context.User ?? new ClaimsPrincipal(), dbFactory, Context.ConnectionAborted);
        if (scope is null)
        {
            Context.Abort();
            throw new HubException(NoLongerAllowed);
        }

        return await boards.GetAsync(year == 0 ? clock.Today.Year : year, scope, Context.ConnectionAborted);
    }

    private static int? StaffIdOf(ClaimsPrincipal? user) =>
        user?.FindFirst(PortalClaims.StaffId)?.Value is { } raw
        && int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    /// <summary>Who may see which board: a person by their roles; an API key with the read scope sees the bureau.</summary>
    public static async Task<BoardScope?> ScopeOfAsync(ClaimsPrincipal user, IDbContextFactory<PortalDbContext> dbFactory,
        CancellationToken cancellationToken)
    {
        if (await CurrentActor.ForAsync(user, dbFactory, cancellationToken) is { } actor)
        {
            return BoardScope.For(actor);
        }

        return HasReadScope(user) ? BoardScope.WholeBureau : null;
    }

    public static bool HasReadScope(ClaimsPrincipal user) => Api.ApiPolicies.HasScope(user, Api.ApiScopes.Read);
}

/// <summary>
/// Carries every change from the notifier to the hub's groups: the bureau group and the sections concerned. With
/// several nodes the SignalR backplane brings the message to the clients on the other nodes, so only changes made on
/// this node are sent from here.
/// </summary>
public sealed class SupervisionHubRelay(ISupervisionNotifier notifier, IHubContext<SupervisionHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifier.SubscribeToThisNode(change =>
        {
            var groups = change.SectionIds.Select(SupervisionHub.SectionGroup).Prepend(SupervisionHub.BureauGroup).ToList();
            return hub.Clients.Groups(groups).SendAsync(SupervisionHub.ChangedMethod, change);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// What a hub client hears after a change: the headline figures of its scope and the snapshot's version, not the whole
/// snapshot. Why not the whole snapshot: over 100,000 items the current year's board lists thousands of overdue and
/// due-soon rows (hundreds of KB of JSON), and sending that to a thousand displays on every change would cost far more
/// than computing it; the headline is a few hundred bytes. A client that shows the lists calls
/// <see cref="SupervisionHub.GetBoard"/>, which returns the cached snapshot of its scope without computing it again.
/// </summary>
public sealed record BoardFigures(int Year, int? SectionId, DateOnly Today, BoardHeadline Headline, DateTimeOffset At)
{
    public static BoardFigures From(BoardSnapshot snapshot, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new BoardFigures(snapshot.Year, snapshot.Scope.SectionId, snapshot.Today, snapshot.Headline, at);
    }
}

/// <summary>
/// The hub connections on this node, by board scope, and one watch of the current year's snapshot per scope that has
/// any: a new snapshot goes to exactly those connections. Only this node's: with several nodes each computes its own
/// snapshot (BoardSnapshots) and tells its own clients, so nothing is sent twice over the backplane.
/// </summary>
public sealed class BoardAudience(BoardSnapshots snapshots, IHubContext<SupervisionHub> hub, PortalClock clock)
{
    private readonly Dictionary<BoardScope, Audience> _byScope = [];

    public IDisposable Join(BoardScope scope, string connectionId)
    {
        ArgumentNullException.ThrowIfNull(scope);
        lock (_byScope)
        {
            if (!_byScope.TryGetValue(scope, out var audience))
            {
                audience = new Audience();
                var year = clock.Today.Year;
                // First: the figures go out before the open boards are asked to render (BoardSnapshots).
                audience.Watch = snapshots.Watch(year, scope, snapshot => SendAsync(audience, snapshot), first: true);
                _byScope[scope] = audience;
            }

            audience.Connections = audience.Connections.Add(connectionId);
            return new Leave(this, scope, audience, connectionId);
        }
    }

    private Task SendAsync(Audience audience, BoardSnapshot snapshot)
    {
        var connections = audience.Connections;
        if (connections.IsEmpty)
        {
            return Task.CompletedTask;
        }

        return hub.Clients.Clients(connections).SendAsync(SupervisionHub.FiguresMethod, BoardFigures.From(snapshot, clock.Now));
    }

    private sealed class Audience
    {
        public ImmutableList<string> Connections { get; set; } = [];
        public IDisposable? Watch { get; set; }
    }

    private sealed class Leave(BoardAudience owner, BoardScope scope, Audience audience, string connectionId) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._byScope)
            {
                audience.Connections = audience.Connections.Remove(connectionId);
                if (audience.Connections.IsEmpty && owner._byScope.GetValueOrDefault(scope) == audience)
                {
                    audience.Watch?.Dispose();
                    owner._byScope.Remove(scope);
                }
            }
        }
    }
}
