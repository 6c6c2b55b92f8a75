namespace ProposalPortal.Features.Administration;

/// <summary>
/// One rule the Admin changed in the portal (办理规则), stored as a configuration key and value. The rules stay
/// configuration: <see cref="RuleSettingsConfigurationSource"/> lays these rows over appsettings and the environment.
/// </summary>
public sealed class RuleSetting
{
    private RuleSetting()
    {
        Key = Value = ChangedByName = string.Empty;
    }

    public RuleSetting(string key, string value, int changedById, string changedByName, DateTimeOffset changedAt)
    {
        Key = key;
        Value = value;
        ChangedById = changedById;
        ChangedByName = changedByName;
        ChangedAt = changedAt;
    }

    /// <summary>The configuration key, e.g. <c>Rules:Deadlines:DueSoonDays</c>.</summary>
    public string Key { get; private set; }

    public string Value { get; private set; }
    public int ChangedById { get; private set; }
    public string ChangedByName { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }

    public void Change(string value, int changedById, string changedByName, DateTimeOffset changedAt)
    {
        Value = value;
        ChangedById = changedById;
        ChangedByName = changedByName;
        ChangedAt = changedAt;
    }
}
