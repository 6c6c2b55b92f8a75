using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using ProposalPortal.Domain.Notices;

namespace ProposalPortal.Features.Notices;

/// <summary>Sends one email. Throws when the mail server refuses or cannot be reached: the outbox retries.</summary>
public interface IEmailSender
{
    Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken);
}

/// <summary>Posts one message to a group robot's webhook. Throws when the robot refuses or cannot be reached.</summary>
public interface IGroupRobotSender
{
    Task SendAsync(DeliveryChannel robot, string webhookUrl, string content, CancellationToken cancellationToken);
}

/// <summary>
/// Text messages to a mobile phone. Each bureau contracts its own provider (a 短信 gateway of a carrier or a cloud);
/// register one implementation in place of <see cref="LoggingSmsSender"/>. The portal sends none by default.
/// </summary>
public interface ISmsSender
{
    Task SendAsync(string mobile, string text, CancellationToken cancellationToken);
}

/// <summary>The default: no provider, so a message is only logged (without the number), and nothing is sent.</summary>
public sealed class LoggingSmsSender(ILogger<LoggingSmsSender> logger) : ISmsSender
{
    public Task SendAsync(string mobile, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("No SMS provider is configured; a text message of {Length} characters was not sent", text.Length);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Email over SMTP with MailKit, through the server of <see cref="SmtpOptions"/>.</summary>
public sealed class MailKitEmailSender(IOptionsMonitor<NoticeOptions> options) : IEmailSender
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        var smtp = options.CurrentValue.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            throw new InvalidOperationException("未配置邮件服务器（Notices:Smtp:Host）");
        }

        using var message = new MimeMessage();
        message.From.Add(new MailboxAddress(smtp.FromName, smtp.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };

        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}

/// <summary>
/// 企业微信 and 钉钉 group robots take the same text message, {"msgtype":"text","text":{"content":"…"}}, and answer
/// HTTP 200 with {"errcode":0,"errmsg":"ok"}; any other errcode is a refusal (a wrong key, a keyword missing, too many
/// messages a minute), and counts as a failure.
/// </summary>
public sealed class WebhookRobotSender(HttpClient http) : IGroupRobotSender, IDisposable
{
    public void Dispose() => http.Dispose();

    public async Task SendAsync(DeliveryChannel robot, string webhookUrl, string content, CancellationToken cancellationToken)
    {
        var message = new RobotMessage("text", new RobotText(content));
        using var response = await http.PostAsJsonAsync(webhookUrl, message, RobotJson.Options, cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"群机器人返回HTTP {(int)response.StatusCode}：{Cut(answer)}");
        }

        RobotAnswer? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<RobotAnswer>(answer, RobotJson.Options);
        }
        catch (JsonException)
        {
            parsed = null;
        }

        if (parsed is not { ErrCode: 0 })
        {
            throw new HttpRequestException($"群机器人拒绝了消息：{Cut(answer)}");
        }
    }

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300];

    private sealed record RobotMessage([property: JsonPropertyName("msgtype")] string MsgType, [property: JsonPropertyName("text")] RobotText Text);

    private sealed record RobotText([property: JsonPropertyName("content")] string Content);

    private sealed record RobotAnswer([property: JsonPropertyName("errcode")] int? ErrCode, [property: JsonPropertyName("errmsg")] string? ErrMsg);

    private static class RobotJson
    {
        // Chinese goes out as text, not \u escapes: what the robot shows is what was written.
        public static readonly JsonSerializerOptions Options = new()
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        };
    }
}
