namespace ProposalPortal.Domain.Notices;

/// <summary>The channels a notice can go out on besides the bell.</summary>
public enum DeliveryChannel
{
    Email,
    /// <summary>企业微信群机器人.</summary>
    WeCom,
    /// <summary>钉钉群机器人.</summary>
    DingTalk,
}

/// <summary>
/// One message waiting in the outbox, or sent, or given up: written by the outbox worker after the step that caused it
/// has committed, so a channel that fails never blocks nor fails the step. It holds the whole message (address,
/// subject, text), so sending needs nothing else and a retry sends exactly what failed.
/// </summary>
public sealed class NoticeDelivery
{
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 20000;
    public const int ErrorMaxLength = 1000;

    private NoticeDelivery()
    {
        Target = Subject = Body = string.Empty;
    }

    public NoticeDelivery(int recipientId, long? noticeId, DeliveryChannel channel, string target, string subject, string body,
        DateTimeOffset createdAt)
    {
        RecipientId = recipientId;
        NoticeId = noticeId;
        Channel = channel;
        Target = target;
        Subject = subject.Length > SubjectMaxLength ? subject[..SubjectMaxLength] : subject;
        Body = body.Length > BodyMaxLength ? body[..BodyMaxLength] : body;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
    }

    public long Id { get; private set; }
    public int RecipientId { get; private set; }

    /// <summary>The notice it carries; null for a daily digest, which carries several.</summary>
    public long? NoticeId { get; private set; }
    public DeliveryChannel Channel { get; private set; }

    /// <summary>The email address, or the group robot's webhook URL.</summary>
    public string Target { get; private set; }
    public string Subject { get; private set; }
    public string Body { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public int Attempts { get; private set; }

    /// <summary>When the worker tries it (again); null once sent or given up.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Why the last attempt failed, as the channel said it.</summary>
    public string? LastError { get; private set; }

    /// <summary>When the worker stopped trying: the administrator's list shows it until someone retries it.</summary>
    public DateTimeOffset? GaveUpAt { get; private set; }

    public bool IsSent => SentAt is not null;

    public void Sent(DateTimeOffset at)
    {
        Attempts++;
        SentAt = at;
        NextAttemptAt = null;
        LastError = null;
        GaveUpAt = null;
    }

    /// <summary>
    /// Records a failed attempt: the next one waits <paramref name="firstRetry"/>, doubled after each failure, until
    /// <paramref name="maxAttempts"/> have failed; then the worker gives up and the administrator sees it.
    /// </summary>
    public void Failed(string error, DateTimeOffset at, TimeSpan firstRetry, int maxAttempts)
    {
        ArgumentNullException.ThrowIfNull(error);
        Attempts++;
        LastError = error.Length > ErrorMaxLength ? error[..ErrorMaxLength] : error;
        if (Attempts >= maxAttempts)
        {
            NextAttemptAt = null;
            GaveUpAt = at;
            return;
        }

        NextAttemptAt = at + firstRetry * Math.Pow(2, Attempts - 1);
    }

    /// <summary>The administrator's 重试: tried again now, with a fresh round of attempts.</summary>
    public void Retry(DateTimeOffset at)
    {
        if (IsSent)
        {
            return;
        }

        Attempts = 0;
        GaveUpAt = null;
        NextAttemptAt = at;
    }
}

/// <summary>A section's group robot: 企业微信 or 钉钉, told apart by the address their webhooks are given at.</summary>
public static class GroupRobot
{
    public const int WebhookMaxLength = 500;

    /// <summary>
    /// The robot a webhook URL belongs to: 企业微信's end in /cgi-bin/webhook/send (qyapi.weixin.qq.com), 钉钉's in
    /// /robot/send (oapi.dingtalk.com). Null for anything else, which the sections editor refuses.
    /// </summary>
    public static DeliveryChannel? KindOf(string? webhookUrl)
    {
        if (string.IsNullOrWhiteSpace(webhookUrl) || !Uri.TryCreate(webhookUrl.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        return uri.AbsolutePath.TrimEnd('/') switch
        {
            "/cgi-bin/webhook/send" => DeliveryChannel.WeCom,
            "/robot/send" => DeliveryChannel.DingTalk,
            _ => null,
        };
    }

    /// <summary>Why an address is not a group robot's webhook (Chinese), or null when it is one, or when it is empty.</summary>
    public static string? WhyNot(string? webhookUrl) =>
        string.IsNullOrWhiteSpace(webhookUrl) ? null
        : webhookUrl.Trim().Length > WebhookMaxLength ? $"群机器人地址不能超过{WebhookMaxLength}个字符"
        : KindOf(webhookUrl) is null ? "群机器人地址须为企业微信（…/cgi-bin/webhook/send?key=…）或钉钉（…/robot/send?access_token=…）的Webhook地址"
        : null;
}
