namespace ProposalPortal.Domain.Notices;

/// <summary>How a person wants their notices by email, besides the bell (which is always on).</summary>
public enum EmailMode
{
    /// <summary>No email.</summary>
    Off,
    /// <summary>One email per notice, as soon as it is written.</summary>
    EachNotice,
    /// <summary>One email a day collecting the day's notices (每日汇总).</summary>
    DailyDigest,
}

/// <summary>
/// The channels one person chose for their notices. The in-portal bell always has them; these add email (each notice or
/// a daily digest) and the 承办科室's group robot (企业微信 / 钉钉). A person without a row gets the bell only.
/// </summary>
public sealed class NoticePreferences
{
    /// <summary>The longest address accepted (RFC 5321's path limit).</summary>
    public const int EmailMaxLength = 254;

    private NoticePreferences()
    {
    }

    public NoticePreferences(int staffId) => StaffId = staffId;

    public int StaffId { get; private set; }

    /// <summary>The person's work email address; kept here, on the person's own page, not in the account.</summary>
    public string? Email { get; private set; }

    public EmailMode EmailMode { get; private set; }

    /// <summary>Whether the item's section group robot also posts this person's notices (without personal contacts).</summary>
    public bool GroupRobot { get; private set; }

    /// <summary>Until when the daily digest has collected this person's notices: the next digest starts here.</summary>
    public DateTimeOffset? DigestedUntil { get; private set; }

    /// <summary>
    /// Sets the channels; refuses (in Chinese, changing nothing) an email mode without a valid address.
    /// </summary>
    public Result Set(string? email, EmailMode mode, bool groupRobot, DateTimeOffset now)
    {
        var trimmed = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (trimmed is not null && !LooksLikeEmail(trimmed))
        {
            return Result.Refused($"“{trimmed}”不是有效的电子邮箱地址");
        }

        if (mode != EmailMode.Off && trimmed is null)
        {
            return Result.Refused("选择邮件提醒时须填写电子邮箱地址");
        }

        // Choosing the digest starts it now: the first digest does not collect the notices of before the choice.
        if (mode == EmailMode.DailyDigest && EmailMode != EmailMode.DailyDigest)
        {
            DigestedUntil = now;
        }

        Email = trimmed;
        EmailMode = mode;
        GroupRobot = groupRobot;
        return Result.Ok;
    }

    public void Digested(DateTimeOffset until) => DigestedUntil = until;

    /// <summary>One @, something before it, a dot after it, no spaces: what a person can be told to fix.</summary>
    public static bool LooksLikeEmail(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return value.Length <= EmailMaxLength && at > 0 && at == value.LastIndexOf('@')
            && value.IndexOf('.', at) > at + 1 && !value.EndsWith('.') && !value.Any(char.IsWhiteSpace);
    }
}
