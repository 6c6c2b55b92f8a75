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

    /// <summary>
    /// The methods that count as 面商: meeting the proposer in person, at the office, on site or at a 座谈会 with them.
    /// An array so that queries can use it too (EF translates <c>Contains</c>).
    /// </summary>
    public static readonly CommunicationMethod[] FaceToFaceMethods =
        [CommunicationMethod.FaceToFace, CommunicationMethod.SiteVisit, CommunicationMethod.Meeting];

    /// <summary>面商: met in person, at the office, on site or at a 座谈会.</summary>
    public bool IsFaceToFace => FaceToFaceMethods.Contains(Method);
}
