namespace ProposalPortal.Features.Publication;

/// <summary>
/// 征询意见 link: one proposer's personal link to evaluate one issued reply. The token is 32 random bytes; only its
/// SHA-256 is looked up, so a copy of the database does not give working links. A copy protected with the app's
/// data-protection keys lets the Office page and the proposer's 征询意见表 print the same link again.
/// </summary>
public sealed class EvaluationInvitation
{
    private EvaluationInvitation()
    {
        TokenHash = string.Empty;
        ProtectedToken = string.Empty;
    }

    public EvaluationInvitation(int proposalId, int replyId, int round, int proposerId, string tokenHash, string protectedToken,
        DateOnly expiresOn, DateTimeOffset createdAt)
    {
        ProposalId = proposalId;
        ReplyId = replyId;
        Round = round;
        ProposerId = proposerId;
        TokenHash = tokenHash;
        ProtectedToken = protectedToken;
        ExpiresOn = expiresOn;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public int ProposalId { get; private set; }
    public int ReplyId { get; private set; }

    /// <summary>The handling round of the reply: a link of round 1 does nothing once the item was reopened.</summary>
    public int Round { get; private set; }
    public int ProposerId { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public string TokenHash { get; private set; }
    public string ProtectedToken { get; private set; }

    /// <summary>The last day of the evaluation window (inclusive, in the bureau's time zone).</summary>
    public DateOnly ExpiresOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
