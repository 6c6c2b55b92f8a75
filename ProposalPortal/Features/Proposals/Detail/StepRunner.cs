using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals.UseCases;

namespace ProposalPortal.Features.Proposals.Detail;

/// <summary>
/// What a step dialog needs from the item page: the item as the user loaded it, a way to run the step against exactly
/// that version, and a way to reload the page without closing the dialog (刷新). Who acts is asked afresh for every
/// action (<paramref name="currentActor"/> reads the account from the database): a page or dialog left open must not
/// keep the rights its account had when it opened, after the account was deactivated or moved to another section.
/// </summary>
public sealed class StepRunner(ProposalService proposals, UseCaseDispatcher useCases, Func<Task<Actor?>> currentActor, Proposal loaded, Func<Task<Proposal?>> reload)
{
    /// <summary>Why an action from an open page is refused once its account no longer stands.</summary>
    public const string NoLongerAllowed = "您的账号已停用或权限已变更，无法继续办理。请重新登录后再试。";

    /// <summary>The item as the user last loaded it; 刷新 replaces it.</summary>
    public Proposal Proposal { get; private set; } = loaded;

    /// <summary>The version the user is looking at: a save is refused when someone else saved after it.</summary>
    public int Version => Proposal.Version;

    /// <summary>The signed-in person with today's roles and section; null when the account no longer stands.</summary>
    public Task<Actor?> ActorAsync() => currentActor();

    /// <summary>Runs <paramref name="action"/> as the person's current self, or refuses when the account no longer stands.</summary>
    public async Task<Result> AsActorAsync(Func<Actor, Task<Result>> action) =>
        await currentActor() is { } actor ? await action(actor) : Result.Refused(NoLongerAllowed);

    /// <summary>Runs a use case as the person's current self; the dialog built the command on the version the user loaded.</summary>
    public Task<Result> RunAsync(IProposalCommand command) => AsActorAsync(actor => useCases.RunAsync(command, actor));

    /// <summary>
    /// Whether the stored item has moved on since the user loaded it (or is no longer visible). Not when the account
    /// itself no longer stands: 刷新 cannot help there.
    /// </summary>
    public async Task<bool> IsStaleAsync()
    {
        if (await currentActor() is not { } actor)
        {
            return false;
        }

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
