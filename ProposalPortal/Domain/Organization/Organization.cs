namespace ProposalPortal.Domain.Organization;

/// <summary>The roles of DOMAIN.md. A person may hold more than one (the Office clerk is often the admin too).</summary>
[Flags]
public enum StaffRoles
{
    None = 0,
    /// <summary>局长 (主要领导): sees everything, signs off replies.</summary>
    Director = 1,
    /// <summary>分管副局长: reviews the replies of the sections they oversee.</summary>
    DeputyDirector = 2,
    /// <summary>办公室: registers, assigns, chases, publishes, reports.</summary>
    Office = 4,
    /// <summary>科室: works only on the own section's items.</summary>
    SectionStaff = 8,
    /// <summary>系统管理员: users, roles, settings, signing certificate.</summary>
    Admin = 16,
}

/// <summary>承办科室. The deputy director in charge reviews its replies.</summary>
public sealed class Section
{
    private Section()
    {
        Name = string.Empty;
    }

    public Section(string name, int? deputyDirectorId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        DeputyDirectorId = deputyDirectorId;
    }

    public int Id { get; private set; }
    public string Name { get; private set; }

    /// <summary>The 分管副局长 who reviews this section's replies.</summary>
    public int? DeputyDirectorId { get; private set; }

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    public void AssignDeputy(int? deputyDirectorId) => DeputyDirectorId = deputyDirectorId;

    /// <summary>
    /// The webhook of the section's 企业微信 or 钉钉 group robot (Notices.GroupRobot tells which), where the notices
    /// of the people who chose it are posted; null for none.
    /// </summary>
    public string? RobotWebhookUrl { get; private set; }

    /// <summary>Sets or clears the group robot's webhook; refuses (in Chinese, changing nothing) an address that is not one.</summary>
    public Result SetRobotWebhook(string? url)
    {
        if (Notices.GroupRobot.WhyNot(url) is { } why)
        {
            return Result.Refused(why);
        }

        RobotWebhookUrl = string.IsNullOrWhiteSpace(url) ? null : url.Trim();
        return Result.Ok;
    }
}

/// <summary>A person of the bureau: leader, Office clerk or section staff.</summary>
public sealed class StaffMember
{
    private StaffMember()
    {
        Name = string.Empty;
    }

    public StaffMember(string name, StaffRoles roles, int? sectionId = null, string? phone = null, string? title = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        Roles = roles;
        SectionId = sectionId;
        Phone = phone;
        Title = title;
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    public string? Title { get; private set; }
    public string? Phone { get; private set; }
    public StaffRoles Roles { get; private set; }
    public int? SectionId { get; private set; }

    /// <summary>Set by the Admin: may sign off replies in the director's place (never key items).</summary>
    public bool IsSignOffDelegate { get; private set; }

    public bool IsActive { get; private set; } = true;

    public bool Has(StaffRoles role) => (Roles & role) == role;

    public bool IsLeader => Has(StaffRoles.Director) || Has(StaffRoles.DeputyDirector);

    public void SetRoles(StaffRoles roles, int? sectionId)
    {
        Roles = roles;
        SectionId = sectionId;
    }

    public void SetSignOffDelegate(bool value) => IsSignOffDelegate = value;

    public void Deactivate() => IsActive = false;
}
