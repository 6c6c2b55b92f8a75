using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Features.Publication;

/// <summary>
/// One proposer's evaluation link for the current reply, as the Office page and the proposer's 征询意见表 print it. <see cref="Url"/> is
/// null when the link's protected copy can no longer be opened (the data-protection keys were lost): the link itself
/// still works for the proposer, since only its hash is looked up, but it cannot be shown again.
/// </summary>
public sealed record EvaluationLink(int ProposerId, string ProposerName, string? Url, DateOnly ExpiresOn)
{
    /// <summary>What the item page says in place of a link whose copy was lost.</summary>
    public const string LostText = "无法显示：本服务器的数据保护密钥已丢失或更换，此链接的副本已无法解开。提出人已收到的链接仍然有效。";
}

/// <summary>
/// 征询意见 links: each proposer of an issued reply letter gets their own link, made on first use and the same ever
/// after, valid until the end of the evaluation window (working days after the issue date, Rules:Deadlines).
/// Each proposer's 征询意见表 prints theirs as a QR code (never the letter, which others read); the item page lists
/// <see cref="ForProposalAsync"/>.
/// </summary>
public sealed class EvaluationLinks(
    IDbContextFactory<PortalDbContext> dbFactory,
    WorkflowContextFactory contexts,
    PortalClock clock,
    IDataProtectionProvider dataProtection,
    IOptions<PublicOptions> options)
{
    public const string RoutePrefix = "/public/evaluate/";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("ProposalPortal.EvaluationLinks.v1");

    /// <summary>
    /// The absolute evaluation URL of <paramref name="proposerId"/> for the reply letter <paramref name="replyId"/>;
    /// null when the reply is not a signed letter, the proposer is not one of its item's, or the link's copy was lost.
    /// </summary>
    public async Task<string?> ForAsync(int replyId, int proposerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reply = await db.Set<Reply>().AsNoTracking()
            .Where(r => r.Id == replyId && r.Kind == ReplyKind.Letter && r.IssuedOn != null)
            .Select(r => new { r.Id, r.Round, IssuedOn = r.IssuedOn!.Value, ProposalId = EF.Property<int>(r, "ProposalId") })
            .FirstOrDefaultAsync(cancellationToken);
        if (reply is null)
        {
            return null;
        }

        var isProposer = await db.Proposals.Where(p => p.Id == reply.ProposalId).SelectMany(p => p.Proposers)
            .AnyAsync(x => x.Id == proposerId, cancellationToken);
        if (!isProposer)
        {
            return null;
        }

        var invitation = await EnsureAsync(db, reply.ProposalId, reply.Id, reply.Round, proposerId, reply.IssuedOn, cancellationToken);
        return UrlOf(invitation);
    }

    /// <summary>
    /// 签发: the links of every proposer of the reply letter being issued, added to <paramref name="db"/> so that they
    /// are saved in the same transaction as the sign-off and its signed letter — or not at all.
    /// A proposer who already has a link for this reply keeps it. Empty for anything but a letter.
    /// </summary>
    public async Task<IReadOnlyList<EvaluationLink>> ForIssueAsync(PortalDbContext db, Proposal proposal, Reply reply, DateOnly issuedOn,
        DeadlineCalculator deadlines, CancellationToken cancellationToken = default)
    {
        if (reply.Kind != ReplyKind.Letter)
        {
            return [];
        }

        // The draft was saved before it could be signed off, so it has its id: the link points at this very reply.
        if (reply.Id == 0)
        {
            throw new InvalidOperationException("The reply must be saved before it is issued.");
        }

        var existing = await db.EvaluationInvitations.AsNoTracking().Where(i => i.ReplyId == reply.Id)
            .ToDictionaryAsync(i => i.ProposerId, cancellationToken);
        var links = new List<EvaluationLink>();
        foreach (var proposer in proposal.Proposers.OrderBy(p => p.Order))
        {
            if (!existing.TryGetValue(proposer.Id, out var invitation))
            {
                var token = Base64Url(RandomNumberGenerator.GetBytes(32));
                invitation = new EvaluationInvitation(proposal.Id, reply.Id, reply.Round, proposer.Id, Hash(token), _protector.Protect(token),
                    deadlines.EvaluationWindowEnd(issuedOn), clock.Now);
                db.EvaluationInvitations.Add(invitation);
            }

            links.Add(new EvaluationLink(proposer.Id, proposer.Name, UrlOf(invitation), invitation.ExpiresOn));
        }

        return links;
    }

    /// <summary>The links of every proposer for the item's current reply letter; empty before it is issued.</summary>
    public async Task<IReadOnlyList<EvaluationLink>> ForProposalAsync(Proposal proposal, CancellationToken cancellationToken = default)
    {
        if (proposal.Role != HandlingRole.Lead || proposal.CurrentReply is not { Kind: ReplyKind.Letter, IssuedOn: { } issuedOn } reply)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var links = new List<EvaluationLink>();
        foreach (var proposer in proposal.Proposers.OrderBy(p => p.Order))
        {
            var invitation = await EnsureAsync(db, proposal.Id, reply.Id, reply.Round, proposer.Id, issuedOn, cancellationToken);
            links.Add(new EvaluationLink(proposer.Id, proposer.Name, UrlOf(invitation), invitation.ExpiresOn));
        }

        return links;
    }

    /// <summary>The link behind a token someone presented; null when no such link exists.</summary>
    internal static async Task<EvaluationInvitation?> FindAsync(PortalDbContext db, string? token, CancellationToken cancellationToken)
    {
        // 32 random bytes are 43 characters of base64url; anything else is not ours and costs no query.
        if (token is null || token.Length != 43)
        {
            return null;
        }

        var hash = Hash(token);
        return await db.EvaluationInvitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
    }

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private string Url(string token) => options.Value.BaseUrl.TrimEnd('/') + RoutePrefix + token;

    /// <summary>The link from its protected copy; null when the keys that protected it are gone (a page must still open).</summary>
    private string? UrlOf(EvaluationInvitation invitation)
    {
        try
        {
            return Url(_protector.Unprotect(invitation.ProtectedToken));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private async Task<EvaluationInvitation> EnsureAsync(PortalDbContext db, int proposalId, int replyId, int round, int proposerId,
        DateOnly issuedOn, CancellationToken cancellationToken)
    {
        var existing = await db.EvaluationInvitations.AsNoTracking()
            .FirstOrDefaultAsync(i => i.ReplyId == replyId && i.ProposerId == proposerId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var deadlines = await contexts.DeadlinesAsync(cancellationToken);
        var invitation = new EvaluationInvitation(proposalId, replyId, round, proposerId, Hash(token), _protector.Protect(token),
            deadlines.EvaluationWindowEnd(issuedOn), clock.Now);
        db.EvaluationInvitations.Add(invitation);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return invitation;
        }
        catch (DbUpdateException)
        {
            // The item page and the letter asked at the same moment: the other one's link stands.
            db.ChangeTracker.Clear();
            return await db.EvaluationInvitations.AsNoTracking()
                .FirstAsync(i => i.ReplyId == replyId && i.ProposerId == proposerId, cancellationToken);
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
