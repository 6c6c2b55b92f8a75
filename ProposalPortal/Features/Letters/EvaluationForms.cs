using Microsoft.Extensions.Options;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Publication;

namespace ProposalPortal.Features.Letters;

/// <summary>
/// 办理情况征询意见表: one per proposer of an issued reply letter, with that proposer's own evaluation link. The link is
/// their key, so only the Office (who posts or hands the forms out) may print them, as it alone sees the links.
/// </summary>
public sealed class EvaluationForms(
    ProposalService proposals,
    EvaluationLinks links,
    EvaluationFormPdf pdf,
    IOptions<PortalOptions> portal)
{
    public static string PathFor(int proposalId, int position) => $"/proposals/{proposalId}/forms/evaluation/{position}.pdf";

    /// <summary>
    /// The form of the proposer at <paramref name="position"/> (1 = the lead proposer) for the item's current reply letter,
    /// or the Chinese reason why not, with its <see cref="RefusalKind"/> for the endpoint's status code.
    /// </summary>
    public async Task<Result<LetterFile>> ForAsync(int proposalId, int position, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.Has(StaffRoles.Office))
        {
            return Result<LetterFile>.Refused("只有办公室可以打印征询意见表：表上印有提出人本人的评价链接", RefusalKind.NotAllowed);
        }

        var proposal = await proposals.FindAsync(proposalId, actor, cancellationToken);
        if (proposal is null)
        {
            return Result<LetterFile>.Refused("找不到该件，或您无权查看该件", RefusalKind.NotFound);
        }

        if (proposal.Role != HandlingRole.Lead || proposal.CurrentReply is not { Kind: ReplyKind.Letter, IssuedOn: { } issuedOn, DocumentNumber: { } number })
        {
            return Result<LetterFile>.Refused("该件尚无已签发的答复函，没有征询意见表", RefusalKind.NotFound);
        }

        var proposers = proposal.Proposers.OrderBy(p => p.Order).ToList();
        if (position < 1 || position > proposers.Count)
        {
            return Result<LetterFile>.Refused($"该件没有第{position}位提出人（共{proposers.Count}位）", RefusalKind.NotFound);
        }

        var proposer = proposers[position - 1];
        var link = (await links.ForProposalAsync(proposal, cancellationToken)).Single(l => l.ProposerId == proposer.Id);
        if (link.Url is null)
        {
            return Result<LetterFile>.Refused(EvaluationLink.LostText, RefusalKind.Conflict);
        }

        var options = portal.Value;
        var content = new EvaluationFormContent(options.BureauName, proposer.Name + proposal.Kind.ProposerTitle(), proposal.Session, proposal.Number,
            proposal.Title, number, issuedOn, link.Url, link.ExpiresOn, options.Address.Trim(), options.PostalCode.Trim(), options.ContactPhone.Trim());
        if (pdf.WhyNotPrintable(content) is { } why)
        {
            return Result<LetterFile>.Refused(why, RefusalKind.Rule);
        }

        return Result<LetterFile>.Ok(new LetterFile(pdf.Write(content), $"{proposal.Designation}征询意见表（{position}-{proposer.Name}）.pdf"));
    }
}
