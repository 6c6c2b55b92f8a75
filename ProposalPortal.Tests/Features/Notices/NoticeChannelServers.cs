using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ProposalPortal.Tests.Features.Notices;

/// <summary>A mail the in-process SMTP server received: the envelope's recipients and the parsed message.</summary>
public sealed record ReceivedMail(IReadOnlyList<string> To, MimeMessage Message)
{
    public string Subject => Message.Subject ?? "";
    public string Body => Message.TextBody ?? "";
}

/// <summary>
/// A real SMTP server (the SmtpServer package) on a free loopback port, inside the test process: what MailKit sends over
/// the wire arrives here. <see cref="NextAsync"/> waits for the next mail (a signal, not a sleep).
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel _received = new();
    private readonly Task _running;

    private TestSmtpServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_received));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public static async Task<TestSmtpServer> StartAsync()
    {
        var server = new TestSmtpServer(FreePort.Next());
        await FreePort.WaitUntilListeningAsync(server.Port);
        return server;
    }

    /// <summary>The next mail received, or a failure after <paramref name="timeoutSeconds"/>.</summary>
    public Task<ReceivedMail> NextAsync(int timeoutSeconds = 30) => _received.NextAsync(TimeSpan.FromSeconds(timeoutSeconds));

    /// <summary>The mails received and not yet taken by <see cref="NextAsync"/>.</summary>
    public IReadOnlyList<ReceivedMail> Pending => _received.Pending;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Store(Channel received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            received.Add(new ReceivedMail([.. transaction.To.Select(m => $"{m.User}@{m.Host}")], message));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Channel
    {
        private readonly System.Threading.Channels.Channel<ReceivedMail> _mails = System.Threading.Channels.Channel.CreateUnbounded<ReceivedMail>();

        public void Add(ReceivedMail mail) => _mails.Writer.TryWrite(mail);

        public IReadOnlyList<ReceivedMail> Pending
        {
            get
            {
                var pending = new List<ReceivedMail>();
                while (_mails.Reader.TryRead(out var mail))
                {
                    pending.Add(mail);
                }

                return pending;
            }
        }

        public async Task<ReceivedMail> NextAsync(TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            return await _mails.Reader.ReadAsync(cancel.Token);
        }
    }
}

/// <summary>A request the webhook listener received.</summary>
public sealed record ReceivedPost(string PathAndQuery, string Body);

/// <summary>
/// A group robot stand-in: an HTTP listener on a free loopback port that takes the webhook's POSTs and answers as the
/// robot does ({"errcode":0,"errmsg":"ok"}), or with <see cref="FailWith"/>'s status to play a robot that is down.
/// </summary>
public sealed class TestWebhookListener : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly System.Threading.Channels.Channel<ReceivedPost> _posts = System.Threading.Channels.Channel.CreateUnbounded<ReceivedPost>();
    private readonly Task _running;

    private TestWebhookListener(int port)
    {
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _running = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>When set, every request is answered with this status (and counted as received).</summary>
    public HttpStatusCode? FailWith { get; set; }

    public static TestWebhookListener Start() => new(FreePort.Next());

    public string WeComUrl => $"http://127.0.0.1:{Port}/cgi-bin/webhook/send?key=test-key";

    public string DingTalkUrl => $"http://127.0.0.1:{Port}/robot/send?access_token=test-token";

    public async Task<ReceivedPost> NextAsync(int timeoutSeconds = 30)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        return await _posts.Reader.ReadAsync(cancel.Token);
    }

    public bool TryTake(out ReceivedPost? post) => _posts.Reader.TryRead(out post);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var failWith = FailWith;
            context.Response.StatusCode = (int)(failWith ?? HttpStatusCode.OK);
            var answer = Encoding.UTF8.GetBytes(failWith is null ? """{"errcode":0,"errmsg":"ok"}""" : "robot down");
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
            _posts.Writer.TryWrite(new ReceivedPost(context.Request.Url!.PathAndQuery, body));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _running;
        }
        catch (ObjectDisposedException)
        {
        }
    }
}

internal static class FreePort
{
    /// <summary>A loopback port nobody listens on now (also what a closed mail server looks like).</summary>
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>Waits until something accepts connections on the port: the server has started.</summary>
    public static async Task WaitUntilListeningAsync(int port)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20, timeout.Token);
            }
        }
    }
}
