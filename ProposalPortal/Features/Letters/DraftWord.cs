using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Proposals;

namespace ProposalPortal.Features.Letters;

/// <summary>
/// The draft reply and Word: the .docx to route through the OA system or WPS, and the text of an uploaded .docx for the
/// draft dialog, which saves it through <see cref="Proposals.UseCases.SaveDraft"/> like any typed draft. Only the
/// section that drafts and those who review and sign off read drafts (<see cref="ProposalWorkflow.CanReadDrafts"/>).
/// </summary>
public sealed class DraftWord(IDbContextFactory<PortalDbContext> dbFactory, IOptions<PortalOptions> portal, PortalClock clock)
{
    public static string DownloadPath(int proposalId) => $"/proposals/{proposalId}/draft.docx";

    public const string NotAllowed = "只有本件承办科室和审核、签发的领导可以查看答复稿";

    /// <summary>The current draft letter as a .docx, or the Chinese reason why not with its <see cref="RefusalKind"/>.</summary>
    public async Task<Result<LetterFile>> DownloadAsync(int proposalId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var proposal = await db.Proposals.AsNoTracking().Include(p => p.Proposers).Include(p => p.Replies)
            .AsSplitQuery().FirstOrDefaultAsync(p => p.Id == proposalId, cancellationToken);
        if (proposal is null || !ProposalWorkflow.CanView(proposal, actor))
        {
            return Result<LetterFile>.Refused("找不到该件，或您无权查看该件", RefusalKind.NotFound);
        }

        if (!ProposalWorkflow.CanReadDrafts(proposal, actor))
        {
            return Result<LetterFile>.Refused(NotAllowed, RefusalKind.NotAllowed);
        }

        if (LetterFor(proposal) is not { } letter)
        {
            return Result<LetterFile>.Refused("该件尚无答复稿", RefusalKind.NotFound);
        }

        return Result<LetterFile>.Ok(new LetterFile(DraftDocx.Write(letter, portal.Value.BureauName), $"{proposal.Designation}答复稿.docx"));
    }

    /// <summary>
    /// The draft text an uploaded .docx gives for <paramref name="proposal"/>, or the Chinese reason it cannot be used (not
    /// a .docx, broken, empty). Nothing is saved: the draft dialog shows the text and saves it as the user confirms.
    /// </summary>
    public Result<string> ReadBody(Proposal proposal, byte[] content, string fileName) =>
        DraftDocx.ReadBody(content, fileName, LetterFor(proposal));

    /// <summary>What the letter of the current draft prints, as the preview has it; null without a draft letter.</summary>
    private LetterContent? LetterFor(Proposal proposal) => proposal.CurrentReply is { Kind: ReplyKind.Letter } reply
        ? LetterContent.For(proposal, reply, portal.Value.BureauName, portal.Value.ReplyNumberPrefix, null, reply.IssuedOn ?? clock.Today, isPreview: true)
        : null;
}
