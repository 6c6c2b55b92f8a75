using Microsoft.AspNetCore.Components;
using MudBlazor;
using ProposalPortal.Components;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Proposals.Detail;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Features.Proposals.UseCases;

namespace ProposalPortal.Features.Supervision;

/// <summary>
/// What the board and the wall display share: who is looking (and so which scope), the year, the snapshot, and the
/// live subscription. The snapshot is the one <see cref="BoardSnapshots"/> computes once per change for every board of the
/// same year and scope; each panel then re-renders only when its own part of it changed (<see cref="BoardParts"/>,
/// <see cref="BoardPanel{TData}"/>).
/// </summary>
public abstract class LiveBoardBase : LiveComponent, IDisposable
{
    private IDisposable? _subscription;
    private IDisposable? _reconnection;
    private BoardSnapshot? _pending;
    private BoardSnapshot? _held;

    [Inject] private BoardSnapshots Snapshots { get; set; } = default!;
    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private StatisticsService Statistics { get; set; } = default!;
    [Inject] private ProposalService Proposals { get; set; } = default!;
    [Inject] private UseCaseDispatcher UseCases { get; set; } = default!;
    [Inject] private WorkflowContextFactory Contexts { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] protected PortalClock Clock { get; set; } = default!;
    [Inject] private CircuitConnection Connection { get; set; } = default!;

    protected Actor? Actor { get; private set; }
    protected BoardScope? Scope { get; private set; }
    protected BoardSnapshot? Snapshot { get; private set; }
    protected IReadOnlyList<int> Years { get; private set; } = [];
    protected bool Loaded { get; private set; }

    /// <summary>When the shown data was last reloaded because of a change.</summary>
    protected DateTimeOffset? UpdatedAt { get; private set; }

    /// <summary>How many live updates this board has applied (data-updates, for tests).</summary>
    protected int Updates { get; private set; }

    /// <summary>催办 is offered to the Office and the leaders.</summary>
    protected bool CanChase => Actor is { } a && (a.Has(StaffRoles.Office) || a.Has(StaffRoles.Director) || a.Has(StaffRoles.DeputyDirector));

    protected int Year { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        Actor = await CurrentActor.GetAsync();
        Scope = Actor is null ? null : BoardScope.For(Actor);
        Year = Clock.Today.Year;
        if (Scope is not null)
        {
            // Watching before the first load, so that a snapshot computed while it runs is not missed.
            Watch();
            Years = await Statistics.YearsAsync();
            Snapshot = await Snapshots.GetAsync(Year, Scope);
        }

        Loaded = true;
    }

    protected async Task ChangeYearAsync(int year)
    {
        Year = year;
        Actor = await CurrentActor.GetAsync();
        Scope = Actor is null ? null : BoardScope.For(Actor);
        Watch();
        Snapshot = Scope is null ? null : await Snapshots.GetAsync(Year, Scope);
    }

    // The snapshot of this board's year and scope, shared by every board that shows it (BoardSnapshots): the board
    // only watches it, and never computes on a change itself.
    private void Watch()
    {
        _subscription?.Dispose();
        _subscription = RendererInfo.IsInteractive && Scope is { } scope ? Snapshots.Watch(Year, scope, OnSnapshot) : null;
        if (_subscription is not null)
        {
            // What arrived while the browser was away is shown when it comes back: the latest snapshot, once.
            _reconnection ??= Connection.OnReconnected(() =>
                Interlocked.Exchange(ref _held, null) is { } held ? OnSnapshot(held) : Task.CompletedTask);
        }
    }

    // Never blocks the computation (which serves every board): the new snapshot is taken on this circuit's renderer.
    // Snapshots that arrive while one is queued replace it.
    private Task OnSnapshot(BoardSnapshot snapshot)
    {
        // Nobody is looking (CircuitConnection): keep the latest and render nothing until the browser is back.
        if (!Connection.IsConnected)
        {
            Volatile.Write(ref _held, snapshot);
            return Task.CompletedTask;
        }

        if (Interlocked.Exchange(ref _pending, snapshot) is not null)
        {
            return Task.CompletedTask;
        }

        Dispatch(async () =>
        {
            if (Interlocked.Exchange(ref _pending, null) is not { } latest || latest.Year != Year || ReferenceEquals(latest, Snapshot))
            {
                return;
            }

            // The scope is today's: a deactivated account stops hearing, a moved one sees its new section. Read once
            // per person and change for all their open boards (BoardSnapshots.ReaderAsync), not once per board.
            Actor = await Snapshots.ReaderAsync(latest, await CurrentActor.UserAsync());
            var scope = Actor is null ? null : BoardScope.For(Actor);
            if (scope != Scope)
            {
                Scope = scope;
                Watch();
                Snapshot = scope is null ? null : await Snapshots.GetAsync(Year, scope);
            }
            else
            {
                Snapshot = latest;
            }

            UpdatedAt = Clock.Now;
            Updates++;
            StateHasChanged();
        });
        return Task.CompletedTask;
    }

    /// <summary>催办 from a board row: the same dialog and service as on the item page.</summary>
    protected async Task ChaseAsync(BoardItem item)
    {
        // Today's rights, not those the board opened with.
        Actor = await CurrentActor.GetAsync();
        if (Actor is not { } actor)
        {
            Snackbar.Add(StepRunner.NoLongerAllowed, Severity.Warning);
            return;
        }

        var proposal = await Proposals.FindAsync(item.Id, actor);
        if (proposal is null)
        {
            Snackbar.Add("找不到该件，或您无权处理该件", Severity.Warning);
            return;
        }

        var context = await Contexts.CreateAsync();
        if (ProposalWorkflow.WhyNot(proposal, WorkflowStep.Chase, actor, context) is { } why)
        {
            Snackbar.Add(why, Severity.Warning);
            return;
        }

        var runner = new StepRunner(Proposals, UseCases, () => CurrentActor.GetAsync(), proposal,
            async () => await CurrentActor.GetAsync() is { } now ? await Proposals.FindAsync(item.Id, now) : null);
        var parameters = new DialogParameters
        {
            { nameof(ChaseDialog.Runner), runner },
            { nameof(ChaseDialog.Step), WorkflowStep.Chase },
            { nameof(ChaseDialog.HandlerName), item.Handler },
            { nameof(ChaseDialog.SectionName), item.Section },
            { nameof(ChaseDialog.Today), context.Today },
        };
        var dialog = await Dialogs.ShowAsync<ChaseDialog>(WorkflowStep.Chase.ToChinese(), parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"已催办{item.Designation}", Severity.Success);
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _reconnection?.Dispose();
        GC.SuppressFinalize(this);
    }
}
