using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ProposalPortal.Features.Api;

/// <summary>One API key: who holds it and what it may do (read, write...).</summary>
public sealed class ApiKey
{
    public string Key { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public List<string> Scopes { get; set; } = [];
}

/// <summary>The API keys of systems and displays that do not sign in. Bound from "Api".</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Api";

    /// <summary>The keys; none by default, so nothing gets in without a person signing in.</summary>
    public List<ApiKey> Keys { get; set; } = [];
}

/// <summary>
/// Authenticates a caller by an API key in the <c>X-Api-Key</c> header or, for WebSocket and server-sent-event
/// clients that cannot set headers, the <c>access_token</c> query parameter. The key's scopes become claims.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<ApiKeyOptions> keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string QueryName = "access_token";
    public const string ScopeClaim = "portal:scope";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = Request.Headers[HeaderName];
        if (string.IsNullOrEmpty(presented))
        {
            presented = Request.Query[QueryName];
        }

        if (string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var match = keys.CurrentValue.Keys.FirstOrDefault(k => !string.IsNullOrEmpty(k.Key) && FixedTimeEquals(k.Key, presented));
        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("无效的 API 密钥"));
        }

        var identity = new ClaimsIdentity(SchemeName);
        identity.AddClaim(new Claim(ClaimTypes.Name, match.Name));
        identity.AddClaims(match.Scopes.Select(s => new Claim(ScopeClaim, s.Trim().ToLowerInvariant())));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        PortalServices.Refuse(Context, StatusCodes.Status401Unauthorized);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        PortalServices.Refuse(Context, StatusCodes.Status403Forbidden);

    // Compared in constant time: a key must not be guessable from response times.
    private static bool FixedTimeEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
}
