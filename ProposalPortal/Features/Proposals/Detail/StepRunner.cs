using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.Detail;

/// <summary>
/// What a step dialog needs from the item page: the item as the user loaded it, who acts, a way to run the step
/// against exactly that version, and a way to reload the page without closing the dialog (刷新).
/// </summary>
public sealed class StepRunner(ProposalService proposals, Actor actor, Proposal loaded, Func<Task<Proposal?>> reload)
{
    /// <summary>The item as the user last loaded it; 刷新 replaces it.</summary>
    public Proposal Proposal { get; private set; } = loaded;

    public Actor Actor => actor;

    /// <summary>The version the user is looking at: a save is refused when someone else saved after it.</summary>
    public int Version => Proposal.Version;

    /// <summary>Runs one step on the version the user loaded.</summary>
    public Task<StepResult> ExecuteAsync(Func<Proposal, WorkflowContext, StepResult> step) =>
        proposals.ExecuteAsync(Proposal.Id, Version, actor, step);

    /// <summary>签发, which also allocates the document number.</summary>
    public Task<StepResult> SignOffAsync() => proposals.SignOffAsync(Proposal.Id, Version, actor);

    /// <summary>催办, which also leaves a notice for the handler.</summary>
    public Task<StepResult> ChaseAsync(string message) => proposals.ChaseAsync(Proposal.Id, Version, actor, message);

    /// <summary>Whether the stored item has moved on since the user loaded it (or is no longer visible).</summary>
    public async Task<bool> IsStaleAsync()
    {
        var latest = await proposals.FindAsync(Proposal.Id, actor);
        return latest is null || latest.Version != Version;
    }

    /// <summary>Reloads the page behind the dialog; the dialog keeps whatever the user typed.</summary>
    public async Task RefreshAsync()
    {
        if (await reload() is { } latest)
        {
            Proposal = latest;
        }
    }
}
