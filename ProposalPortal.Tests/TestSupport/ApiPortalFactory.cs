using Microsoft.AspNetCore.Hosting;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>The real app with demo data and three API keys from configuration, as the environment would give them.</summary>
public sealed class ApiPortalFactory : PortalFactory
{
    public const string ReadKey = "test-read-key-6b1f0c2e9d";
    public const string ImportKey = "test-import-key-0a7c3e55f1";
    public const string BothKey = "test-both-key-93d2b8a4c6";

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
