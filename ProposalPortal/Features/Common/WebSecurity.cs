using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ProposalPortal.Features.Common;

/// <summary>The reverse proxy (nginx) in front of the portal. Bound from "Proxy".</summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>
    /// Addresses (or networks such as 10.0.0.0/24) of the proxies whose X-Forwarded-For and X-Forwarded-Proto headers are
    /// believed: they give the client's address (for the sign-in limits) and whether the request came over HTTPS (for
    /// the cookie's Secure flag and HSTS). Empty: no forwarded header is believed, from anyone.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];
}

/// <summary>
/// What every response carries and whom the portal believes about the client: security headers with a
/// Content-Security-Policy that names the script sources, HSTS over HTTPS, and forwarded headers from the configured
/// proxies only.
/// </summary>
public static class WebSecurity
{
    private const string NonceKey = "portal:csp-nonce";

    public static IServiceCollection AddPortalWebSecurity(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<ProxyOptions>().Bind(config.GetSection(ProxyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; here only what the operator named.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            // An entry that does not parse is skipped here and refused at start by ProxyOptionsValidator, in Chinese.
            foreach (var entry in proxy.Value.KnownProxies.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()))
            {
                if (System.Net.IPNetwork.TryParse(entry, out var network) && entry.Contains('/', StringComparison.Ordinal))
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
                else if (IPAddress.TryParse(entry, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
            }
        });
        services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>Forwarded headers first, so that everything after sees the client's address and scheme.</summary>
    public static IApplicationBuilder UsePortalForwardedHeaders(this IApplicationBuilder app) => app.UseForwardedHeaders();

    /// <summary>
    /// Headers on every response. Blazor Server needs no eval: scripts come from the portal itself, plus the one inline
    /// import map, allowed by a nonce made for each response. MudBlazor sets inline styles, so styles may be inline.
    /// Letter previews are shown from blob: URLs in a frame.
    /// </summary>
    public static IApplicationBuilder UsePortalSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // Hex rather than base64: '+' would be written into the page as an HTML entity.
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; " +
                "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src 'self' blob:; " +
                "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "SAMEORIGIN";
            await next(context);
        });

    /// <summary>The nonce of this response's Content-Security-Policy, for the page's inline import map.</summary>
    public static string? CspNonce(HttpContext? context) => context?.Items[NonceKey] as string;
}

/// <summary>Refuses to start with a proxy entry that is not an address or a network, naming the entry in Chinese.</summary>
public sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        var bad = options.KnownProxies.Where(e => !string.IsNullOrWhiteSpace(e))
            .Select(e => e.Trim())
            .Where(e => e.Contains('/', StringComparison.Ordinal) ? !System.Net.IPNetwork.TryParse(e, out _) : !IPAddress.TryParse(e, out _))
            .ToList();
        return bad.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"配置项 Proxy:KnownProxies 中的“{string.Join("”“", bad)}”不是IP地址或网段（如 10.0.0.5 或 10.0.0.0/24）。");
    }
}
