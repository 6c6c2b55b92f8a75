using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>附件: records a file already stored (<see cref="Attachments.AttachmentStore"/> stores it and calls this).</summary>
public sealed record AddAttachment(int ProposalId, int ExpectedVersion, string FileName, string ContentType, long Size, string StoredName) : IProposalCommand;

internal sealed class AddAttachmentHandler(ProposalService proposals) : UseCase<AddAttachment>
{
    public override Task<Result> HandleAsync(AddAttachment command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.AddAttachment(actor, command.FileName, command.ContentType, command.Size, command.StoredName, c), cancellationToken);
}
