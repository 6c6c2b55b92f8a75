using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional.Security;

/// <summary>A real deployment (no demo data) with the given public address and environment, keeping its log.</summary>
public sealed class DeploymentFactory(string? baseUrl, string environment = "Production", string? knownProxy = null,
    string? allowedHosts = null) : PortalFactory
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Log { get; } = new();

    protected override bool Demo => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
        builder.UseSetting("Public:BaseUrl", baseUrl ?? string.Empty);
        if (knownProxy is not null)
        {
            builder.UseSetting("Proxy:KnownProxies:0", knownProxy);
        }

        if (allowedHosts is not null)
        {
            builder.UseSetting("AllowedHosts", allowedHosts);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new QueueLoggerProvider(Log)));
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<(LogLevel, string)> log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(log);

        public void Dispose()
        {
        }
    }

    private sealed class QueueLogger(ConcurrentQueue<(LogLevel, string)> log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Enqueue((logLevel, formatter(state, exception)));
    }
}

/// <summary>Outside Development the portal refuses an unusable public address, and says so while letters are signed with the development certificate.</summary>
public sealed class UnsafeSettingsTests
{
    [Theory]
    [InlineData(null, "未设置")]
    [InlineData("http://localhost:5080", "指向本机")]
    [InlineData("http://127.0.0.1:8080", "指向本机")]
    [InlineData("jyta.example.gov.cn", "不是以 http:// 或 https:// 开头")]
    public async Task OutsideDevelopmentThePortalRefusesToStartWithoutAPublicAddress(string? baseUrl, string why)
    {
        await using var factory = new DeploymentFactory(baseUrl);

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var message = Flatten(refused);
        Assert.Contains("Public:BaseUrl", message);
        Assert.Contains(why, message);
        Assert.Contains("二维码", message);
    }

    [Fact]
    public async Task AProxyEntryThatIsNotAnAddressIsRefusedAtStartByName()
    {
        await using var factory = new DeploymentFactory(PortalFactory.PublicBaseUrl, knownProxy: "nginx");

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Proxy:KnownProxies 中的“nginx”不是IP地址或网段", Flatten(refused));
    }

    [Fact]
    public async Task OnlyTheConfiguredHostNamesAreAnswered()
    {
        await using var factory = new DeploymentFactory(PortalFactory.PublicBaseUrl, allowedHosts: "jyta.example.gov.cn");
        HttpClient For(string host) => factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri($"http://{host}"),
        });

        Assert.Equal(System.Net.HttpStatusCode.OK, (await For("jyta.example.gov.cn").GetAsync("/account/login")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await For("evil.example.com").GetAsync("/account/login")).StatusCode);
    }

    [Fact]
    public async Task InDevelopmentTheLocalAddressIsAccepted()
    {
        await using var factory = new DeploymentFactory("http://localhost:5080", "Development");

        var response = await factory.CreateClient().GetAsync("/account/login");

        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task WithTheDevelopmentCertificateTheStartLogsAWarningAndTheAdministratorsPagesShowOne()
    {
        await using var factory = new DeploymentFactory(PortalFactory.PublicBaseUrl);
        var client = factory.CreateClient();

        Assert.Contains(factory.Log, e => e.Level == LogLevel.Warning && e.Message.Contains("开发测试证书", StringComparison.Ordinal));

        await HttpSignIn.PostLoginAsync(client, "admin", RealDeploymentFactory.InitialPassword);
        await ChangePasswordAsync(client);
        var staffPage = await client.GetStringAsync("/admin/staff");
        var home = await client.GetStringAsync("/");
        Assert.Contains("data-testid=\"development-certificate-banner\"", staffPage);
        Assert.DoesNotContain("data-testid=\"development-certificate-banner\"", home);
    }

    private static async Task ChangePasswordAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/account/change-password");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"").Groups[1].Value;
        var changed = await client.PostAsync("/account/change-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token),
            ["Input.Current"] = RealDeploymentFactory.InitialPassword,
            ["Input.New"] = "Changed@2026x",
            ["Input.Confirm"] = "Changed@2026x",
        }));
        Assert.Equal("/", changed.RequestMessage!.RequestUri!.AbsolutePath);
    }

    private static string Flatten(Exception e) => e is AggregateException a
        ? string.Join("\n", a.Flatten().InnerExceptions.Select(Flatten))
        : e.Message + (e.InnerException is { } inner ? "\n" + Flatten(inner) : string.Empty);
}
