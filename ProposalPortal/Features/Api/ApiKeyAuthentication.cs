using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ProposalPortal.Features.Account;

namespace ProposalPortal.Features.Api;

/// <summary>Where the API key may come from.</summary>
public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>
    /// Paths where the key may also come as the <c>access_token</c> query parameter. Browsers' WebSocket and
    /// server-sent-event clients (SignalR) cannot send headers; everywhere else a key in a URL would end up in logs
    /// and histories, so only the hubs accept it.
    /// </summary>
    public IList<PathString> QueryTokenPaths { get; } = [new PathString("/hubs")];
}

/// <summary>
/// Authenticates a caller by the <c>X-Api-Key</c> header against the configured keys, in constant time. A request
/// without a key is left to the other schemes (the cookie); a key that matches nothing fails (401).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<ApiOptions> keys)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string QueryName = "access_token";

    /// <summary>The claim naming the key; the import writes it into the audit trail.</summary>
    public const string KeyNameClaim = "portal:api-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey();
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var match = Find(keys.CurrentValue.Keys, presented);
        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("无效的 API 密钥"));
        }

        var name = string.IsNullOrWhiteSpace(match.Name) ? "未命名密钥" : match.Name.Trim();
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(KeyNameClaim, name) };
        claims.AddRange(match.Scopes.Where(s => !string.IsNullOrWhiteSpace(s))
            .Select(s => s.Trim().ToLowerInvariant()).Distinct().Select(s => new Claim(ApiScopes.ClaimType, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        ApiPolicies.KeepStatusCode(Context);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        ApiPolicies.KeepStatusCode(Context);
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private string? PresentedKey()
    {
        if (Request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrEmpty(header.ToString()))
        {
            return header.ToString();
        }

        if (OptionsAllowQueryToken() && Request.Query.TryGetValue(QueryName, out var query) && !string.IsNullOrEmpty(query.ToString()))
        {
            return query.ToString();
        }

        return null;
    }

    private bool OptionsAllowQueryToken() =>
        Options.QueryTokenPaths.Any(p => Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Compares the SHA-256 of the presented key with every configured key's, always all of them and with
    /// <see cref="CryptographicOperations.FixedTimeEquals"/>, so the time taken tells nothing about any key.
    /// </summary>
    internal static ApiKeyEntry? Find(IEnumerable<ApiKeyEntry> configured, string presented)
    {
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKeyEntry? match = null;
        foreach (var entry in configured)
        {
            if (string.IsNullOrEmpty(entry.Key))
            {
                continue;
            }

            var equal = CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(entry.Key)));
            if (equal && match is null)
            {
                match = entry;
            }
        }

        return match;
    }
}

/// <summary>The API's authorization policies: an API key with the scope, or a signed-in person with the role.</summary>
public static class ApiPolicies
{
    /// <summary>Reading figures and items: a key with scope <c>read</c>, or any signed-in staff member (section staff see their section's items only).</summary>
    public const string Read = "ApiRead";

    /// <summary>Importing assignment lists: a key with scope <c>import</c>, or a signed-in Office member.</summary>
    public const string Import = "ApiImport";

    /// <summary>Reading the API's description: anyone signed in or holding a key, whatever its scope.</summary>
    public const string Describe = "ApiDescribe";

    /// <summary>The API key scheme, the policies, and 401/403 instead of login redirects for the API's paths.</summary>
    public static IServiceCollection AddPortalApiKeys(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<ApiOptions>().Bind(config.GetSection(ApiOptions.SectionName));
        services.AddAuthentication()
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        string[] schemes = [IdentityConstants.ApplicationScheme, ApiKeyAuthenticationHandler.SchemeName];
        services.AddAuthorizationBuilder()
            .AddPolicy(Read, policy => policy
                .AddAuthenticationSchemes(schemes)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => HasScope(c.User, ApiScopes.Read) || IsStaff(c.User)))
            .AddPolicy(Import, policy => policy
                .AddAuthenticationSchemes(schemes)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => HasScope(c.User, ApiScopes.Import) || (IsStaff(c.User) && c.User.IsInRole(PortalRoles.Office))))
            .AddPolicy(Describe, policy => policy
                .AddAuthenticationSchemes(schemes)
                .RequireAuthenticatedUser());

        // A program calling the API cannot follow a redirect to the sign-in form: it gets the status code instead.
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, cookie =>
        {
            var toLogin = cookie.Events.OnRedirectToLogin;
            var toDenied = cookie.Events.OnRedirectToAccessDenied;
            cookie.Events.OnRedirectToLogin = context => IsApi(context.Request)
                ? SetStatus(context.HttpContext, StatusCodes.Status401Unauthorized)
                : toLogin(context);
            cookie.Events.OnRedirectToAccessDenied = context => IsApi(context.Request)
                ? SetStatus(context.HttpContext, StatusCodes.Status403Forbidden)
                : toDenied(context);
        });
        return services;
    }

    public static bool HasScope(ClaimsPrincipal user, string scope) =>
        user.Identities.Any(i => i.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName && i.HasClaim(ApiScopes.ClaimType, scope));

    /// <summary>Whether the request comes from an API key rather than a signed-in person.</summary>
    public static bool IsApiKey(ClaimsPrincipal user) =>
        user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName);

    private static bool IsStaff(ClaimsPrincipal user) => user.HasClaim(c => c.Type == PortalClaims.StaffId);

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The portal re-executes empty 4xx responses as its "not found" page; an API caller gets the bare status
    /// instead (re-executing a POST there would even turn a 403 into the page's antiforgery 400).
    /// </summary>
    public static void KeepStatusCode(HttpContext context)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
    }

    private static Task SetStatus(HttpContext context, int status)
    {
        KeepStatusCode(context);
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
