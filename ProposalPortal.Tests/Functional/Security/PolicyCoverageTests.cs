using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Api;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional.Security;

/// <summary>
/// Every page and endpoint says who may use it, by a named policy or as explicitly anonymous: the table below is the
/// whole map of the portal's doors, and a new page or endpoint without an entry fails here.
/// </summary>
public sealed class PolicyCoverageTests(RealDeploymentFactory factory) : IClassFixture<RealDeploymentFactory>
{
    private const string Anonymous = "(anonymous)";

    /// <summary>Route → the policy that guards it. Endpoints carry their HTTP method in front.</summary>
    private static readonly Dictionary<string, string> Doors = new(StringComparer.Ordinal)
    {
        ["/"] = PortalPolicies.SignedIn,
        ["/not-found"] = Anonymous,
        ["/Error"] = Anonymous,
        ["/account/denied"] = Anonymous,
        ["/account/login"] = Anonymous,
        ["/account/change-password"] = PortalPolicies.SignedIn,
        ["/notices"] = PortalPolicies.SignedIn,
        ["/notices/preferences"] = PortalPolicies.SignedIn,
        ["/admin/deliveries"] = PortalPolicies.Admin,
        ["/summary"] = PortalPolicies.Leadership,
        ["/commitments"] = PortalPolicies.SignedIn,
        ["/statistics"] = PortalPolicies.Leadership,
        ["/import"] = PortalPolicies.Office,
        ["/proposals"] = PortalPolicies.SignedIn,
        ["/proposals/register"] = PortalPolicies.Office,
        ["/proposers"] = PortalPolicies.Office,
        ["/proposers/new"] = PortalPolicies.Office,
        ["/proposers/import"] = PortalPolicies.Office,
        ["/proposers/{Id:int}"] = PortalPolicies.Office,
        ["/proposers/{Id:int}/edit"] = PortalPolicies.Office,
        ["/proposals/batch"] = PortalPolicies.Office,
        ["/my-work"] = PortalPolicies.SignedIn,
        ["/proposals/{Id:int}"] = PortalPolicies.SignedIn,
        ["/admin/signing"] = PortalPolicies.Admin,
        ["/admin/staff"] = PortalPolicies.Admin,
        ["/admin/rules"] = PortalPolicies.Admin,
        ["/admin/backups"] = PortalPolicies.Admin,
        ["/admin/audit"] = PortalPolicies.Admin,
        ["/admin/calendar"] = PortalPolicies.Admin,
        ["/admin/calendar/{Year:int}"] = PortalPolicies.Admin,
        ["/admin/sections"] = PortalPolicies.Admin,
        ["/supervision/wall"] = PortalPolicies.SignedIn,
        ["/supervision"] = PortalPolicies.SignedIn,
        ["/proposals/{Id:int}/drafts"] = PortalPolicies.SignedIn,

        ["POST /account/logout"] = PortalPolicies.SignedIn,
        ["GET /proposals/{id:int}/attachments/{attachmentId:int}"] = PortalPolicies.SignedIn,
        ["GET /proposals/{id:int}/letter/preview"] = PortalPolicies.SignedIn,
        ["GET /proposals/{id:int}/letter"] = PortalPolicies.SignedIn,
        ["GET /proposals/{id:int}/forms/evaluation/{n:int}.pdf"] = PortalPolicies.SignedIn,
        ["GET /proposals/{id:int}/forms/notice.pdf"] = PortalPolicies.SignedIn,
        ["GET /proposals/{id:int}/draft.docx"] = PortalPolicies.SignedIn,
        ["GET /proposals/{id:int}/forms/approval.pdf"] = PortalPolicies.SignedIn,
        ["GET /proposals/{id:int}/forms/receipt.pdf"] = PortalPolicies.SignedIn,
        ["GET /notices/{id:long}/open"] = PortalPolicies.SignedIn,
        ["GET /import/template.xlsx"] = PortalPolicies.Office,
        // The list's export: everyone signed in, scoped as their list is; a batch's chosen items, the Office only.
        ["GET /proposals/export.xlsx"] = PortalPolicies.SignedIn,
        ["POST /proposals/export.xlsx"] = PortalPolicies.Office,
        ["GET /summary/{year:int:range(2000,2100)}.docx"] = PortalPolicies.Leadership,
        ["GET /summary/{year:int:range(2000,2100)}.pdf"] = PortalPolicies.Leadership,
        ["GET /statistics/{year:int:range(2000,2100)}/figures.xlsx"] = PortalPolicies.Leadership,
        ["GET /statistics/{year:int:range(2000,2100)}/items.xlsx"] = PortalPolicies.Leadership,
        ["GET /statistics/{year:int:range(2000,2100)}/report/suggestions.xlsx"] = PortalPolicies.Leadership,
        ["GET /statistics/{year:int:range(2000,2100)}/report/proposals.xlsx"] = PortalPolicies.Leadership,
        ["GET /openapi/{documentName}.json"] = ApiPolicies.Describe,
        ["GET /api/v1/statistics/{year:int}"] = ApiPolicies.Read,
        ["GET /api/v1/proposals"] = ApiPolicies.Read,
        ["GET /api/v1/proposals/{id:int}"] = ApiPolicies.Read,
        ["GET /api/v1/proposals/{id:int}/reply.pdf"] = ApiPolicies.Read,
        ["POST /api/v1/imports"] = ApiPolicies.Import,
        ["GET /public/"] = Anonymous,
        ["GET /public/replies/{id:int}"] = Anonymous,
        ["GET /public/replies/{id:int}/pdf"] = Anonymous,
        ["GET /public/feed"] = Anonymous,
        ["GET /public/{**rest}"] = Anonymous,
        ["GET /public/evaluate/{token}"] = Anonymous,
        ["POST /public/evaluate/{token}"] = Anonymous,
        // The load balancer's probes: no sign-in, and they answer only Healthy or Unhealthy (HealthTests).
        ["/healthz"] = Anonymous,
        ["/readyz"] = Anonymous,
        ["/hubs/supervision"] = PortalPolicies.BoardReader,
        ["/hubs/supervision/negotiate"] = PortalPolicies.BoardReader,
    };

    public static TheoryData<string> Pages() =>
        [.. typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)];

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryPageNamesItsPolicyOrIsAnonymous(string template)
    {
        var page = typeof(Program).Assembly.GetTypes()
            .Single(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttributes<RouteAttribute>().Any(r => r.Template == template));

        Assert.True(Doors.TryGetValue(template, out var expected), $"{template} ({page.Name}) is missing from the table of doors");
        Assert.Equal(expected, PolicyOf(page.GetCustomAttributes(inherit: true)));
    }

    [Fact]
    public void EveryEndpointNamesItsPolicyOrIsAnonymous()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // Blazor's own plumbing (the circuit hub, blazor.web.js) and the static assets: the framework's doors,
            // guarded by the circuit and by the pages it renders.
            .Where(e => !IsFramework(e))
            .ToList();
        Assert.NotEmpty(endpoints);

        var unnamed = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            var pattern = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            var key = methods is { Count: 1 } && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is null
                ? $"{methods[0]} {pattern}" : pattern;
            if (!Doors.TryGetValue(key, out var expected) || PolicyOf(endpoint.Metadata) != expected)
            {
                unnamed.Add($"{key}: {PolicyOf(endpoint.Metadata)} [{endpoint.DisplayName}]");
            }
        }

        Assert.True(unnamed.Count == 0, string.Join('\n', unnamed));
    }

    [Fact]
    public void EveryNamedPolicyIsRegistered()
    {
        var options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthorizationOptions>>().Value;
        foreach (var name in PortalPolicies.All.Concat([ApiPolicies.Read, ApiPolicies.Import, ApiPolicies.Describe]))
        {
            Assert.NotNull(options.GetPolicy(name));
        }
    }

    /// <summary>The endpoint's named policy; "(anonymous)" when it allows anyone; otherwise what it has instead.</summary>
    private static string PolicyOf(IEnumerable<object> metadata)
    {
        var items = metadata.ToList();
        if (items.OfType<IAllowAnonymous>().Any())
        {
            return Anonymous;
        }

        var data = items.OfType<IAuthorizeData>().ToList();
        if (items.OfType<AuthorizationPolicy>().Any())
        {
            return "(an inline policy, not a named one)";
        }

        var names = data.Select(d => d.Policy).Where(p => p is not null).Distinct().ToList();
        return names.Count == 1 && data.All(d => d.Roles is null) ? names[0]!
            : data.Count == 0 ? "(only the fallback policy)"
            : $"(roles {string.Join(';', data.Select(d => d.Roles))}, policies {string.Join(';', names)})";
    }

    private static bool IsFramework(RouteEndpoint endpoint)
    {
        var pattern = endpoint.RoutePattern.RawText ?? "";
        return pattern.StartsWith("/_", StringComparison.Ordinal) || pattern.StartsWith('_')
            // MapStaticAssets' fallback for files outside the manifest (the tests serve assets from the build output).
            || pattern == "{**path:file}"
            || endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null;
    }
}
