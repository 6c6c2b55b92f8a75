namespace ProposalPortal.Domain.Summaries;

/// <summary>The prose of a year's summary as the Office writes it: one text per section of the seed's outline.</summary>
public sealed record SummaryProse(
    string Characteristics,
    string Practices,
    string KeyProposals,
    string Difficulties,
    string NextSteps,
    DateOnly? SignedOn);

/// <summary>
/// 年度办理工作总结 of one year: the sections the Office edits in the portal. The opening paragraph and the
/// figures are not stored: they are written from the data every time (<see cref="SummaryWording"/>).
/// </summary>
public sealed class AnnualSummary
{
    private AnnualSummary()
    {
        Characteristics = Practices = KeyProposals = Difficulties = NextSteps = UpdatedBy = string.Empty;
    }

    public AnnualSummary(int year, SummaryProse prose, string by, DateTimeOffset at)
        : this()
    {
        Year = year;
        // The first save makes version 1; an editor that opened the unsaved draft expects 0.
        Edit(prose, by, at);
    }

    public int Id { get; private set; }
    public int Year { get; private set; }

    /// <summary>The paragraph after the opening: what characterised this year's items.</summary>
    public string Characteristics { get; private set; }

    /// <summary>一、主要做法.</summary>
    public string Practices { get; private set; }

    /// <summary>二、重点提案办理情况.</summary>
    public string KeyProposals { get; private set; }

    /// <summary>三、存在困难问题.</summary>
    public string Difficulties { get; private set; }

    /// <summary>四、下步工作措施.</summary>
    public string NextSteps { get; private set; }

    /// <summary>落款日期; null until the Office sets it.</summary>
    public DateOnly? SignedOn { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; }

    /// <summary>Optimistic concurrency: two people saving the same year's summary do not overwrite each other silently.</summary>
    public int Version { get; private set; }

    public SummaryProse Prose => new(Characteristics, Practices, KeyProposals, Difficulties, NextSteps, SignedOn);

    public void Edit(SummaryProse prose, string by, DateTimeOffset at)
    {
        Characteristics = Clean(prose.Characteristics);
        Practices = Clean(prose.Practices);
        KeyProposals = Clean(prose.KeyProposals);
        Difficulties = Clean(prose.Difficulties);
        NextSteps = Clean(prose.NextSteps);
        SignedOn = prose.SignedOn;
        UpdatedBy = by;
        UpdatedAt = at;
        Version++;
    }

    private static string Clean(string? text) => (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
