using Microsoft.AspNetCore.Hosting;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// The real app with three API keys from configuration, as the environment would give them: with the demo data, or
/// without it for an <see cref="ApiSite"/>.
/// </summary>
public sealed class ApiPortalFactory : PortalFactory
{
    public const string ReadKey = "test-read-key-6b1f0c2e9d";
    public const string ImportKey = "test-import-key-0a7c3e55f1";
    public const string BothKey = "test-both-key-93d2b8a4c6";

    /// <summary>Whether the app loads the demo data (yes unless an <see cref="ApiSite"/> says no).</summary>
    public bool WithDemo { get; init; } = true;

    protected override bool Demo => WithDemo;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:Keys:0:Key", ReadKey);
        builder.UseSetting("Api:Keys:0:Name", "大屏");
        builder.UseSetting("Api:Keys:0:Scopes:0", "read");
        builder.UseSetting("Api:Keys:1:Key", ImportKey);
        builder.UseSetting("Api:Keys:1:Name", "政府办交办系统");
        builder.UseSetting("Api:Keys:1:Scopes:0", "import");
        builder.UseSetting("Api:Keys:2:Key", BothKey);
        builder.UseSetting("Api:Keys:2:Name", "全部");
        builder.UseSetting("Api:Keys:2:Scopes:0", "read");
        builder.UseSetting("Api:Keys:2:Scopes:1", "import");
        // A key left empty in configuration must never match an empty header.
        builder.UseSetting("Api:Keys:3:Key", "");
        builder.UseSetting("Api:Keys:3:Scopes:0", "read");
    }

    public HttpClient WithKey(string key)
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}

/// <summary>A <see cref="ScenarioSite"/> whose app has the API keys of <see cref="ApiPortalFactory"/>.</summary>
public class ApiSite : ScenarioSite
{
    public new ApiPortalFactory Factory => (ApiPortalFactory)base.Factory;

    protected override PortalFactory CreateFactory() => new ApiPortalFactory { WithDemo = false };
}
