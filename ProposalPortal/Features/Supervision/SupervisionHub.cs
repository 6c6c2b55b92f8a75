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
/// committed change arrives as <see cref="ChangedMethod"/>; <see cref="GetBoard"/> returns the board data within
/// the caller's scope.
/// </summary>
[Authorize(Policy = PortalPolicies.BoardReader)]
public sealed class SupervisionHub(IDbContextFactory<PortalDbContext> dbFactory, BoardService boards, PortalClock clock,
    IStaffConnections connections) : Hub
{
    public const string Path = "/hubs/supervision";
    public const string ChangedMethod = "changed";
    public const string BureauGroup = "bureau";

    private const string TrackingKey = "staff-connection";

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
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        (Context.Items[TrackingKey] as IDisposable)?.Dispose();
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// The board of <paramref name="year"/> (this year when 0), within the caller's scope as it stands now: the
    /// connection may be older than the last change to the account.
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
