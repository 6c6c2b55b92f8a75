using System.Security.Cryptography;

namespace ProposalPortal.Domain.Proposals;

/// <summary>
/// One issued, digitally signed letter: the exact bytes that were signed, kept for good. Every sign-off of an item
/// adds a version (a reply changed after sign-off is signed off again and gets a new version); none is ever replaced.
/// Kept outside the <see cref="Proposal"/> aggregate so that loading an item does not load its PDFs.
/// </summary>
public sealed class ReplyDocument
{
    private ReplyDocument()
    {
        FileName = string.Empty;
        Content = [];
        Sha256 = string.Empty;
        SignerName = string.Empty;
        CertificateSubject = string.Empty;
        CertificateThumbprint = string.Empty;
    }

    public ReplyDocument(int proposalId, int replyId, int version, string? documentNumber, string fileName, byte[] content,
        int signerId, string signerName, DateTimeOffset signedAt, string certificateSubject, string certificateThumbprint)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentNullException.ThrowIfNull(content);
        ProposalId = proposalId;
        ReplyId = replyId;
        Version = version;
        DocumentNumber = documentNumber;
        FileName = fileName;
        Content = content;
        Sha256 = HashOf(content);
        SignerId = signerId;
        SignerName = signerName;
        SignedAt = signedAt;
        CertificateSubject = certificateSubject;
        CertificateThumbprint = certificateThumbprint;
    }

    public int Id { get; private set; }
    public int ProposalId { get; private set; }
    public int ReplyId { get; private set; }

    /// <summary>1 for the item's first signed letter, 2 for the next sign-off, and so on.</summary>
    public int Version { get; private set; }

    /// <summary>发文字号 of the letter (null for an opinion letter, which carries none).</summary>
    public string? DocumentNumber { get; private set; }

    public string FileName { get; private set; }

    /// <summary>The signed PDF, byte for byte.</summary>
    public byte[] Content { get; private set; }

    /// <summary>SHA-256 of <see cref="Content"/>, lower-case hex: what the audit trail and any copy can be checked against.</summary>
    public string Sha256 { get; private set; }

    public int SignerId { get; private set; }
    public string SignerName { get; private set; }
    public DateTimeOffset SignedAt { get; private set; }
    public string CertificateSubject { get; private set; }
    public string CertificateThumbprint { get; private set; }

    /// <summary>
    /// True for the letters signed before 2026-11-30, whose layout printed the lead proposer's personal evaluation link
    /// as a QR code (the migration marks every letter stored then). Such a version is never handed out again: it is
    /// kept, as every signed version is, and reissued without the link (<c>LegacyLetters</c>). Letters signed since carry
    /// no personal link.
    /// </summary>
    public bool PrintsEvaluationLink { get; private set; }

    public static string HashOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
