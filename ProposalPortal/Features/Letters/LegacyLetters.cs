using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Proposals;

namespace ProposalPortal.Features.Letters;

/// <summary>
/// Letters signed by the earlier layout printed the lead proposer's personal evaluation link as a QR code, and the
/// public pages, the API and every staff download served those bytes: anyone holding a copy could answer in the
/// proposer's name. Stored letters are append-only (the database refuses to change them), so each such letter is
/// reissued: signed again as the item's next version, with the same number, date and text and without the link, and
/// the reissue is written to the item's audit trail. The old version stays stored but is never handed out
/// (<see cref="ReplyLetterService"/> skips <see cref="ReplyDocument.PrintsEvaluationLink"/>), also while it cannot be
/// reissued yet because the signing certificate cannot be opened.
/// </summary>
public sealed class LegacyLetters(
    IDbContextFactory<PortalDbContext> dbFactory,
    ReplyLetterService letters,
    LetterSigner signer,
    WorkflowContextFactory contexts,
    ILogger<LegacyLetters> logger)
{
    public const string Reason = "印有提出人的个人评价二维码";

    /// <summary>
    /// Reissues every reply whose newest stored letter prints an evaluation link; returns how many. Runs at start-up,
    /// after the migrations; once done there is nothing left to do, so later starts cost one query.
    /// </summary>
    public async Task<int> ReissueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Per reply only its newest version: an older version of the same reply was superseded already and is only kept.
        var pending = await db.ReplyDocuments.AsNoTracking()
            .Where(d => d.PrintsEvaluationLink && !db.ReplyDocuments.Any(n => n.ReplyId == d.ReplyId && n.Version > d.Version))
            .OrderBy(d => d.ProposalId).ThenBy(d => d.Version)
            .Select(d => new { d.ProposalId, d.ReplyId, d.Version, d.SignerId, d.SignerName })
            .ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        if (signer.WhyNotReady() is { } why)
        {
            logger.LogWarning("有{Count}份答复函印有提出人的个人评价二维码，已停止提供，但现在无法重新签章：{Reason}", pending.Count, why);
            return 0;
        }

        var context = await contexts.CreateAsync(cancellationToken);
        foreach (var item in pending.GroupBy(d => d.ProposalId))
        {
            var proposal = await ProposalService.WithEverything(db.Proposals).SingleAsync(p => p.Id == item.Key, cancellationToken);
            var version = await db.ReplyDocuments.Where(d => d.ProposalId == item.Key).MaxAsync(d => d.Version, cancellationToken);
            foreach (var old in item)
            {
                var reply = proposal.Replies.Single(r => r.Id == old.ReplyId);
                var document = letters.Sign(proposal, reply, old.SignerId, old.SignerName, ++version);
                db.ReplyDocuments.Add(document);
                proposal.RecordLetterReissued(document, old.Version, Reason, context);
            }

            // One item at a time: a failure leaves the others reissued and this one withheld, to be tried at the next start.
            await db.SaveChangesAsync(cancellationToken);
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("已将{Count}份印有个人评价二维码的答复函重新签章（去除二维码，文号和日期不变）", pending.Count);
        }

        return pending.Count;
    }
}
