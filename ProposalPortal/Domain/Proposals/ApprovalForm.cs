using System.Security.Cryptography;

namespace ProposalPortal.Domain.Proposals;

/// <summary>
/// The 签批单 (审批笺) of a signed-off reply, kept with the letter it approved: the PDF made in the sign-off's own save,
/// so that the file shows who drafted, reviewed and signed off, with their opinions, as it stood then. One per letter
/// version; never changed.
/// </summary>
public sealed class ApprovalForm
{
    private ApprovalForm()
    {
        Content = [];
        Sha256 = string.Empty;
    }

    public ApprovalForm(int proposalId, int replyId, int letterVersion, byte[] content, DateTimeOffset filedAt)
    {
        ArgumentNullException.ThrowIfNull(content);
        ProposalId = proposalId;
        ReplyId = replyId;
        LetterVersion = letterVersion;
        Content = content;
        Sha256 = ReplyDocument.HashOf(content);
        FiledAt = filedAt;
    }

    public int Id { get; private set; }
    public int ProposalId { get; private set; }
    public int ReplyId { get; private set; }

    /// <summary>The <see cref="ReplyDocument.Version"/> of the letter it was filed with.</summary>
    public int LetterVersion { get; private set; }

    public byte[] Content { get; private set; }
    public string Sha256 { get; private set; }
    public DateTimeOffset FiledAt { get; private set; }
}
