using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Proposals.UseCases;

namespace ProposalPortal.Features.Publication;

/// <summary>Where a presented evaluation link stands.</summary>
public enum EvaluationLinkStatus
{
    /// <summary>The proposer may answer, or change their answer.</summary>
    Open,
    /// <summary>No such link: a wrong or made-up token.</summary>
    NotFound,
    /// <summary>The evaluation window has ended.</summary>
    Expired,
    /// <summary>The link is for an earlier reply: the item was re-handled and answered again.</summary>
    Superseded,
    /// <summary>The item has moved on (reopened after 不满意, or closed): the answer stands as given.</summary>
    Settled,
}

/// <summary>What the evaluation page shows the proposer.</summary>
public sealed record EvaluationPageModel(
    EvaluationLinkStatus Status,
    string? Message,
    string? ProposerName = null,
    string? Title = null,
    string? Designation = null,
    string? DocumentNumber = null,
    DateOnly? IssuedOn = null,
    string? ReplyText = null,
    DateOnly? ExpiresOn = null,
    Evaluation? Answer = null,
    bool MayStillReopen = true);

/// <summary>What the proposer submits: the overall verdict, an optional comment and optional detailed ratings.</summary>
public sealed record EvaluationAnswer(Satisfaction Satisfaction, string? Comment, EvaluationRatings Ratings);

/// <summary>
/// 征询意见 through the proposer's personal link: checks the link (exists, same item and round, window open) and
/// records the answer through the domain, which reopens the item on 不满意.
/// </summary>
public sealed class EvaluationService(IDbContextFactory<PortalDbContext> dbFactory, UseCaseDispatcher useCases, PortalClock clock,
    IOptionsMonitor<WorkflowOptions> workflowOptions)
{
    public async Task<EvaluationPageModel> OpenAsync(string? token, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (model, _) = await CheckAsync(db, token, cancellationToken);
        return model;
    }

    /// <summary>Records (or changes) the proposer's answer; refused with a Chinese message when the link does not allow it.</summary>
    public async Task<(Result Result, EvaluationPageModel Page)> SubmitAsync(string? token, EvaluationAnswer answer,
        CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var (model, invitation) = await CheckAsync(db, token, cancellationToken);
            if (model.Status != EvaluationLinkStatus.Open || invitation is null)
            {
                return (Result.Refused(model.Message ?? "该链接无效"), model);
            }

            // Never cut short silently: a comment longer than its field is refused by the save, with the limit named.
            var comment = answer.Comment;
            var actor = Actor.Proposer(invitation.ProposerId, model.ProposerName ?? "提出人");
            var result = await useCases.RunAsync(new AnswerEvaluation(invitation.ProposalId, invitation.ReplyId, invitation.ProposerId,
                answer.Satisfaction, comment, answer.Ratings), actor, cancellationToken);
            if (!result.IsOk)
            {
                return (result, model);
            }
        }

        return (Result.Ok, await OpenAsync(token, cancellationToken));
    }

    private async Task<(EvaluationPageModel Model, EvaluationInvitation? Invitation)> CheckAsync(PortalDbContext db, string? token,
        CancellationToken cancellationToken)
    {
        var invitation = await EvaluationLinks.FindAsync(db, token, cancellationToken);
        if (invitation is null)
        {
            return (new EvaluationPageModel(EvaluationLinkStatus.NotFound, "链接无效：请核对答复函上的评价链接或二维码。"), null);
        }

        var proposal = await ProposalService.WithEverything(db.Proposals.AsNoTracking())
            .FirstOrDefaultAsync(p => p.Id == invitation.ProposalId, cancellationToken);
        var reply = proposal?.Replies.FirstOrDefault(r => r.Id == invitation.ReplyId);
        var proposer = proposal?.Proposers.FirstOrDefault(p => p.Id == invitation.ProposerId);
        if (proposal is null || reply is null || proposer is null)
        {
            return (new EvaluationPageModel(EvaluationLinkStatus.NotFound, "链接无效：请核对答复函上的评价链接或二维码。"), null);
        }

        var answer = proposal.Evaluations.FirstOrDefault(e => e.Round == invitation.Round && e.ProposerId == proposer.Id);
        EvaluationPageModel Page(EvaluationLinkStatus status, string? message) => new(status, message, proposer.Name, proposal.Title,
            proposal.Designation, reply.DocumentNumber, reply.IssuedOn, reply.Body, invitation.ExpiresOn, answer,
            proposal.MayStillReopen(workflowOptions.CurrentValue));

        if (clock.Today > invitation.ExpiresOn)
        {
            return (Page(EvaluationLinkStatus.Expired, $"征询意见期已于{ChineseDate.Format(invitation.ExpiresOn)}结束，评价不能再提交或修改。如有意见，请与我局联系。"), null);
        }

        if (proposal.CurrentReply?.Id != reply.Id)
        {
            return (Page(EvaluationLinkStatus.Superseded, "本件已重新办理并作出新的答复，此链接对应的是此前的答复，不能再评价。"), null);
        }

        if (proposal.State is not (ProposalState.Replied or ProposalState.Evaluated))
        {
            var message = proposal.State == ProposalState.Reopened
                ? "本件已根据评价意见重新办理，届时将另行答复并征询您的意见。"
                : $"本件当前状态为「{proposal.State.ToChinese()}」，评价不能再修改。";
            return (Page(EvaluationLinkStatus.Settled, message), null);
        }

        return (Page(EvaluationLinkStatus.Open, null), invitation);
    }
}
