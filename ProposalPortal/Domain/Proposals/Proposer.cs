namespace ProposalPortal.Domain.Proposals;

/// <summary>
/// 提出人. The first (<see cref="Order"/> 0) is the lead proposer (领衔人), the others co-sign (附议人).
/// Phone and address are never published.
/// </summary>
public sealed class Proposer
{
    private Proposer()
    {
        Name = string.Empty;
    }

    public Proposer(string name, string? phone = null, string? unit = null, string? group = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        Phone = phone;
        Unit = unit;
        Group = group;
    }

    public int Id { get; private set; }
    public int Order { get; internal set; }
    public string Name { get; private set; }
    public string? Phone { get; private set; }

    /// <summary>工作单位.</summary>
    public string? Unit { get; private set; }

    /// <summary>界别 (CPPCC) or 代表团 (congress).</summary>
    public string? Group { get; private set; }

    /// <summary>
    /// The 代表委员库 entry this line is the person of, when known. The line keeps what was registered; the entry holds
    /// the contacts kept up to date year after year.
    /// </summary>
    public int? RegistryId { get; private set; }

    /// <summary>Points this line at a registry entry (at registration, or when the Office merges two entries).</summary>
    public void LinkToRegistry(int? registryId) => RegistryId = registryId;

    /// <summary>更正登记: the name as it should have been registered; the person (and their evaluation link) stays.</summary>
    internal void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }
}

/// <summary>A topic label (城乡融合发展, 数字经济…) used for statistics and for finding earlier replies.</summary>
public sealed class ProposalTopic
{
    private ProposalTopic()
    {
        Name = string.Empty;
    }

    public ProposalTopic(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
}
