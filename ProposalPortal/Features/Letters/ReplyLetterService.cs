using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Proposals;

namespace ProposalPortal.Features.Letters;

/// <summary>A PDF to hand out, with the name to save it under.</summary>
public sealed record LetterFile(byte[] Content, string FileName, string? Sha256 = null);

/// <summary>
/// A stored letter version, without its bytes. <paramref name="Withdrawn"/>: signed by the earlier layout with a proposer's
/// personal evaluation link on it, so it is no longer handed out (its reissue without the link is another version).
/// </summary>
public sealed record ReplyDocumentInfo(int Version, string? DocumentNumber, string FileName, string Sha256, string SignerName,
    DateTimeOffset SignedAt, int Size, bool Withdrawn = false);

/// <summary>
/// The reply letters of items: the unsigned preview before sign-off, the signed letter made at sign-off, and the
/// stored versions, handed out byte for byte to whoever may see the item.
/// </summary>
public sealed class ReplyLetterService(
    IDbContextFactory<PortalDbContext> dbFactory,
    LetterRenderer renderer,
    LetterSigner signer,
    IOptions<PortalOptions> portal,
    IOptions<LetterOptions> options,
    PortalClock clock)
{
    /// <summary>
    /// The letter of the item's current reply (or opinion) as it would be printed, unsigned and marked as a preview;
    /// the number is left open until sign-off. Null file with a Chinese reason when there is nothing to show.
    /// </summary>
    public async Task<Result<LetterFile>> PreviewAsync(int proposalId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var proposal = await ProposalService.WithEverything(db.Proposals.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == proposalId, cancellationToken);
        if (proposal is null || !ProposalWorkflow.CanView(proposal, actor))
        {
            return Result.Refused("找不到该件，或您无权查看该件");
        }

        if (proposal.CurrentReply is not { } reply)
        {
            return Result.Refused("该件尚无答复稿");
        }

        var number = reply.DocumentNumber is null ? null : new DocumentNumber(portal.Value.ReplyNumberPrefix, reply.DocumentYear!.Value, reply.DocumentSerial!.Value);
        var content = Content(proposal, reply, number, reply.IssuedOn ?? clock.Today, isPreview: true);
        if (renderer.WhyNotPrintable(content) is { } why)
        {
            return Result.Refused(why);
        }

        var (document, _) = renderer.Render(content);
        using (document)
        {
            return Result<LetterFile>.Ok(new LetterFile(Documents.Typesetting.TypesetRenderer.Save(document), $"{proposal.Designation}（预览）.pdf"));
        }
    }

    /// <summary>
    /// The opinion letter (协办意见) of an assisting item as it would go out with <paramref name="opinion"/>, before it
    /// is sent: the text is not saved. For the opinion dialog's preview.
    /// </summary>
    public Result<byte[]> PreviewOpinion(Proposal proposal, Actor actor, string opinion)
    {
        if (!ProposalWorkflow.CanView(proposal, actor))
        {
            return Result.Refused("找不到该件，或您无权查看该件");
        }

        if (string.IsNullOrWhiteSpace(opinion))
        {
            return Result.Refused("请先填写协办意见");
        }

        // The same reply the step will create (Proposal.SendOpinion), only not added to the item.
        var reply = new Reply(ReplyKind.Opinion, 1, new ReplyDraft(null, Disclosure.Withhold, null, opinion, null, proposal.LeadUnit),
            actor.StaffId, clock.Now);
        var content = Content(proposal, reply, null, clock.Today, isPreview: true);
        if (renderer.WhyNotPrintable(content) is { } why)
        {
            return Result.Refused(why);
        }

        var (document, _) = renderer.Render(content);
        using (document)
        {
            return Result<byte[]>.Ok(Documents.Typesetting.TypesetRenderer.Save(document));
        }
    }

    /// <summary>
    /// A stored signed letter of the item (the latest when <paramref name="version"/> is null), for whoever may see the
    /// item. A version that prints a proposer's personal link (signed by the earlier layout) is never handed out, not
    /// even to staff: anyone who holds the file could answer in the proposer's name.
    /// </summary>
    public async Task<LetterFile?> SignedAsync(int proposalId, int? version, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var proposal = await db.Proposals.AsNoTracking().Include(p => p.Proposers).FirstOrDefaultAsync(p => p.Id == proposalId, cancellationToken);
        if (proposal is null || !ProposalWorkflow.CanView(proposal, actor))
        {
            return null;
        }

        var query = db.ReplyDocuments.AsNoTracking().Where(d => d.ProposalId == proposalId && !d.PrintsEvaluationLink);
        query = version is { } v ? query.Where(d => d.Version == v) : query.OrderByDescending(d => d.Version);
        var document = await query.FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : new LetterFile(document.Content, document.FileName, document.Sha256);
    }

    /// <summary>What every download route says while the item's only letters are withheld until they are re-signed.</summary>
    public const string BeingReissued = "该件的答复函正在重新签章，请稍后再试。";

    /// <summary>
    /// Whether the item, for someone who may see it, has signed letters but all of them are withheld until
    /// <see cref="LegacyLetters"/> re-signs them: the letter exists and will be back, so "no signed letter" would mislead.
    /// </summary>
    public async Task<bool> AwaitsReissueAsync(int proposalId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var proposal = await db.Proposals.AsNoTracking().Include(p => p.Proposers).FirstOrDefaultAsync(p => p.Id == proposalId, cancellationToken);
        if (proposal is null || !ProposalWorkflow.CanView(proposal, actor))
        {
            return false;
        }

        var documents = db.ReplyDocuments.AsNoTracking().Where(d => d.ProposalId == proposalId);
        return await documents.AnyAsync(d => d.PrintsEvaluationLink, cancellationToken)
            && !await documents.AnyAsync(d => !d.PrintsEvaluationLink, cancellationToken);
    }

    /// <summary>As <see cref="AwaitsReissueAsync"/>, for a reply published in full (the public pages, no actor).</summary>
    public async Task<bool> PublishedAwaitsReissueAsync(int replyId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var published = await db.Set<Reply>().AsNoTracking()
            .AnyAsync(r => r.Id == replyId && r.PublishedAt != null && r.Disclosure == Disclosure.Publish, cancellationToken);
        var documents = db.ReplyDocuments.AsNoTracking().Where(d => d.ReplyId == replyId);
        return published
            && await documents.AnyAsync(d => d.PrintsEvaluationLink, cancellationToken)
            && !await documents.AnyAsync(d => !d.PrintsEvaluationLink, cancellationToken);
    }

    /// <summary>The stored versions of the item's letters, newest first, for the item page.</summary>
    public async Task<IReadOnlyList<ReplyDocumentInfo>> VersionsAsync(int proposalId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var proposal = await db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == proposalId, cancellationToken);
        return proposal is null ? [] : await VersionsAsync(db, proposal, actor, cancellationToken);
    }

    /// <summary>
    /// As <see cref="VersionsAsync(int, Actor, CancellationToken)"/>, for the item the caller has just loaded (the item
    /// page): the item is not read a second time.
    /// </summary>
    public async Task<IReadOnlyList<ReplyDocumentInfo>> VersionsAsync(Proposal proposal, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await VersionsAsync(db, proposal, actor, cancellationToken);
    }

    private static async Task<IReadOnlyList<ReplyDocumentInfo>> VersionsAsync(PortalDbContext db, Proposal proposal, Actor actor,
        CancellationToken cancellationToken)
    {
        if (!ProposalWorkflow.CanView(proposal, actor))
        {
            return [];
        }

        return await db.ReplyDocuments.AsNoTracking().Where(d => d.ProposalId == proposal.Id).OrderByDescending(d => d.Version)
            .Select(d => new ReplyDocumentInfo(d.Version, d.DocumentNumber, d.FileName, d.Sha256, d.SignerName, d.SignedAt, d.Content.Length,
                d.PrintsEvaluationLink))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// For the public pages: the signed letter of <paramref name="replyId"/> when that reply is published in full
    /// (not as a summary: the letter is the full text), or null. No actor: publication is the permission.
    /// </summary>
    public async Task<LetterFile?> PublishedAsync(int replyId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var published = await db.Set<Reply>().AsNoTracking()
            .AnyAsync(r => r.Id == replyId && r.PublishedAt != null && r.Disclosure == Disclosure.Publish, cancellationToken);
        if (!published)
        {
            return null;
        }

        var document = await db.ReplyDocuments.AsNoTracking().Where(d => d.ReplyId == replyId && !d.PrintsEvaluationLink)
            .OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : new LetterFile(document.Content, document.FileName, document.Sha256);
    }

    /// <summary>What the letter of <paramref name="reply"/> prints.</summary>
    public LetterContent Content(Proposal proposal, Reply reply, DocumentNumber? number, DateOnly issuedOn, bool isPreview) =>
        LetterContent.For(proposal, reply, portal.Value.BureauName, portal.Value.ReplyNumberPrefix, number, issuedOn, isPreview,
            options.Value.PrintedBy);

    /// <summary>
    /// Why the reply cannot be issued as it stands, or null: characters the fonts lack, or a signing certificate this
    /// server cannot open.
    /// </summary>
    public string? WhyNotIssuable(Proposal proposal, Reply reply, DocumentNumber number, DateOnly issuedOn) =>
        renderer.WhyNotPrintable(Content(proposal, reply, number, issuedOn, isPreview: false)) ?? signer.WhyNotReady();

    /// <summary>
    /// 签发: renders the signed-off reply of <paramref name="proposal"/> and signs it with the bureau's certificate in
    /// the name of <paramref name="actor"/>. The caller stores the result in the same save as the sign-off.
    /// </summary>
    public ReplyDocument Issue(Proposal proposal, Actor actor, int version) =>
        Sign(proposal, proposal.CurrentReply ?? throw new InvalidOperationException("No reply to issue."), actor.StaffId, actor.Name, version);

    /// <summary>
    /// The letter of an already signed-off <paramref name="reply"/>, signed now as the item's version
    /// <paramref name="version"/>: its number, date and text, in the name of whoever signed it off. For letters whose
    /// stored version must not be handed out (<see cref="LegacyLetters"/>) and for the demo's signed-off replies.
    /// </summary>
    public ReplyDocument Sign(Proposal proposal, Reply reply, int signerId, string signerName, int version)
    {
        var number = new DocumentNumber(portal.Value.ReplyNumberPrefix, reply.DocumentYear!.Value, reply.DocumentSerial!.Value);
        var content = Content(proposal, reply, number, reply.IssuedOn!.Value, isPreview: false);
        PdfSharp.Pdf.PdfDocument document;
        SignatureArea area;
        using (SignOffTrace.Phase("letter render"))
        {
            (document, area) = renderer.Render(content);
        }

        using (document)
        {
            using var signing = SignOffTrace.Phase("letter sign");
            var facts = signer.Facts(signerName, portal.Value.BureauName);
            var bytes = signer.SignAndSave(document, area, facts, renderer.Fonts);
            var certificate = signer.Certificate;
            return new ReplyDocument(proposal.Id, reply.Id, version, reply.DocumentNumber, $"{reply.DocumentNumber}.pdf", bytes,
                signerId, signerName, facts.SignedAt, certificate.Subject, certificate.Thumbprint);
        }
    }
}
