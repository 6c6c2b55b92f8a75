using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>沟通记录: a meeting, call or visit with the proposers, at one stage of the handling.</summary>
public sealed record RecordCommunication(int ProposalId, int ExpectedVersion, CommunicationStage Stage, CommunicationMethod Method, DateOnly Date, string Participants, string Summary) : IProposalCommand;

internal sealed class RecordCommunicationHandler(ProposalService proposals) : UseCase<RecordCommunication>
{
    public override Task<Result> HandleAsync(RecordCommunication command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.LogCommunication(actor, command.Stage, command.Method, command.Date, command.Participants, command.Summary, c), cancellationToken);
}
