namespace ProposalPortal.Domain.Proposals;

/// <summary>A logged contact with the proposer: 办前联系、办中协商、办后回访.</summary>
public sealed class Communication
{
    private Communication()
    {
        Participants = string.Empty;
        Summary = string.Empty;
    }

    internal Communication(CommunicationStage stage, CommunicationMethod method, DateOnly date, string participants,
        string summary, int recordedById, DateTimeOffset recordedAt)
    {
        Stage = stage;
        Method = method;
        Date = date;
        Participants = participants.Trim();
        Summary = summary.Trim();
        RecordedById = recordedById;
        RecordedAt = recordedAt;
    }

    public int Id { get; private set; }
    public CommunicationStage Stage { get; private set; }
    public CommunicationMethod Method { get; private set; }
    public DateOnly Date { get; private set; }
    public string Participants { get; private set; }
    public string Summary { get; private set; }
    public int RecordedById { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>面商: met in person, at the office or on site.</summary>
    public bool IsFaceToFace => Method is CommunicationMethod.FaceToFace or CommunicationMethod.SiteVisit;
}
