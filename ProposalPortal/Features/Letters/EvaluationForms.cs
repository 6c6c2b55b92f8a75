using Microsoft.Extensions.Options;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Publication;

namespace ProposalPortal.Features.Letters;

/// <summary>A form to hand out, or the HTTP status and Chinese reason why not.</summary>
public sealed record EvaluationFormResult(LetterFile? File, int Status, string? Error)
{
    public static EvaluationFormResult Refused(int status, string error) => new(null, status, error);
}

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
    /// The form of the proposer at <paramref name="position"/> (1 = the lead proposer) for the item's current reply letter.
    /// </summary>
    public async Task<EvaluationFormResult> ForAsync(int proposalId, int position, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.Has(StaffRoles.Office))
        {
            return EvaluationFormResult.Refused(StatusCodes.Status403Forbidden, "只有办公室可以打印征询意见表：表上印有提出人本人的评价链接");
        }

        var proposal = await proposals.FindAsync(proposalId, actor, cancellationToken);
        if (proposal is null)
        {
            return EvaluationFormResult.Refused(StatusCodes.Status404NotFound, "找不到该件，或您无权查看该件");
        }

        if (proposal.Role != HandlingRole.Lead || proposal.CurrentReply is not { Kind: ReplyKind.Letter, IssuedOn: { } issuedOn, DocumentNumber: { } number })
        {
            return EvaluationFormResult.Refused(StatusCodes.Status404NotFound, "该件尚无已签发的答复函，没有征询意见表");
        }

        var proposers = proposal.Proposers.OrderBy(p => p.Order).ToList();
        if (position < 1 || position > proposers.Count)
        {
            return EvaluationFormResult.Refused(StatusCodes.Status404NotFound, $"该件没有第{position}位提出人（共{proposers.Count}位）");
        }

        var proposer = proposers[position - 1];
        var link = (await links.ForProposalAsync(proposal, cancellationToken)).Single(l => l.ProposerId == proposer.Id);
        if (link.Url is null)
        {
            return EvaluationFormResult.Refused(StatusCodes.Status409Conflict, EvaluationLink.LostText);
        }

        var options = portal.Value;
        var content = new EvaluationFormContent(options.BureauName, proposer.Name + proposal.Kind.ProposerTitle(), proposal.Session, proposal.Number,
            proposal.Title, number, issuedOn, link.Url, link.ExpiresOn, options.Address.Trim(), options.PostalCode.Trim(), options.ContactPhone.Trim());
        if (pdf.WhyNotPrintable(content) is { } why)
        {
            return EvaluationFormResult.Refused(StatusCodes.Status422UnprocessableEntity, why);
        }

        return new EvaluationFormResult(new LetterFile(pdf.Write(content), $"{proposal.Designation}征询意见表（{position}-{proposer.Name}）.pdf"),
            StatusCodes.Status200OK, null);
    }
}
