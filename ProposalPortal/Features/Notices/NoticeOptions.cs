using MailKit.Security;

namespace ProposalPortal.Features.Notices;

/// <summary>Notices beyond the bell: the outbox worker, the daily digest, promises coming due. Bound from "Notices".</summary>
public sealed class NoticeOptions
{
    public const string SectionName = "Notices";

    /// <summary>Whether this server runs the outbox worker (with several nodes only the one holding the jobs' lock sends).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How often the worker looks for notices written on another node, in seconds (its own it hears of at once).</summary>
    public int PollSeconds { get; set; } = 30;

    /// <summary>The wait before the first retry of a failed message, in seconds; doubled after each further failure.</summary>
    public int FirstRetrySeconds { get; set; } = 60;

    /// <summary>Attempts before the worker gives up on a message and leaves it to the administrator's 重试.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The hour (0–23, the bureau's time zone) the daily digest goes out, with the notices since the last one.</summary>
    public int DigestHour { get; set; } = 8;

    /// <summary>A promise (跟踪问效) is "coming due" this many days before its date: the handler is told once.</summary>
    public int CommitmentDueSoonDays { get; set; } = 7;

    /// <summary>The mail server notices are sent through.</summary>
    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>The bureau's mail server. Bound from "Notices:Smtp". An empty host means no email is sent (it fails, visibly).</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 25;

    /// <summary>None, Auto, SslOnConnect (usually port 465) or StartTls (usually 587), as MailKit names them.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    /// <summary>The account to sign in with; empty for a server that relays without one.</summary>
    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>The sender's address.</summary>
    public string From { get; set; } = "noreply@localhost";

    /// <summary>The sender's name as the mailbox shows it.</summary>
    public string FromName { get; set; } = "建议提案办理门户";

    /// <summary>Seconds to wait for the mail server before the attempt counts as failed.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
