namespace ProposalPortal.Features.Common;

/// <summary>The bureau itself. Bound from "Portal".</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>发文机关 / 落款, e.g. 楚雄市发展和改革局.</summary>
    public string BureauName { get; set; } = "楚雄市发展和改革局";

    /// <summary>The short name the annual summary uses, e.g. 市发展和改革局.</summary>
    public string BureauShortName { get; set; } = "市发展和改革局";

    /// <summary>The prefix of reply document numbers: 楚市发改复〔2022〕12号.</summary>
    public string ReplyNumberPrefix { get; set; } = "楚市发改复";

    /// <summary>
    /// The bureau's postal address: proposers send their 办理情况征询意见表 back to it. Empty: the form names the bureau's
    /// office only.
    /// </summary>
    public string Address { get; set; } = string.Empty;

    /// <summary>The postal code of <see cref="Address"/>.</summary>
    public string PostalCode { get; set; } = string.Empty;

    /// <summary>The office's telephone for proposers' questions, printed on the 征询意见表.</summary>
    public string ContactPhone { get; set; } = string.Empty;

    /// <summary>
    /// The government office that assigns the items and decides returns (交办、退回), e.g. 市政府办议案科: the return
    /// request names it.
    /// </summary>
    public string AssigningOffice { get; set; } = "市政府办议案科";

    /// <summary>The bureau's time zone: "today", midnight and deadlines are counted in it, whatever the server's zone.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
}

/// <summary>Demo data. Bound from "Demo".</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Load the demo data (2021, the seed's 2022, and a live current-year batch) into a new, empty database.</summary>
    public bool Enabled { get; set; }
}
