namespace ProposalPortal.Domain.Proposals;

/// <summary>催办: who pressed whom about this item, when, with what message.</summary>
public sealed class ChaseRecord
{
    private ChaseRecord()
    {
        ChasedByName = string.Empty;
        Message = string.Empty;
    }

    internal ChaseRecord(int chasedById, string chasedByName, int handlerId, string message, DateTimeOffset at)
    {
        ChasedById = chasedById;
        ChasedByName = chasedByName;
        HandlerId = handlerId;
        Message = message.Trim();
        At = at;
    }

    public int Id { get; private set; }
    public int ChasedById { get; private set; }
    public string ChasedByName { get; private set; }

    /// <summary>The handler (承办人) the chase is addressed to.</summary>
    public int HandlerId { get; private set; }
    public string Message { get; private set; }
    public DateTimeOffset At { get; private set; }
}
