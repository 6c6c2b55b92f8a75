using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>保存答复稿; <paramref name="WordFile"/> names the .docx the body was read from, when it came from Word.</summary>
public sealed record SaveDraft(int ProposalId, int ExpectedVersion, ReplyDraft Draft, string? WordFile = null) : IProposalCommand;

internal sealed class SaveDraftHandler(ProposalService proposals) : UseCase<SaveDraft>
{
    public override Task<Result> HandleAsync(SaveDraft command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.SaveDraft(actor, command.Draft, c, command.WordFile), cancellationToken);
}
