namespace ProposalPortal.Features.Api;

/// <summary>
/// The API keys other systems and wall displays use. Bound from "Api", so that <c>Api__Keys__0__Key=...</c>,
/// <c>Api__Keys__0__Name=...</c> and <c>Api__Keys__0__Scopes__0=read</c> in the environment work.
/// </summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>The accepted keys; none by default, so the API answers only signed-in people until keys are configured.</summary>
    public List<ApiKeyEntry> Keys { get; set; } = [];
}

/// <summary>One configured key: the secret, whose it is, and what it may do.</summary>
public sealed class ApiKeyEntry
{
    /// <summary>The secret the caller sends in <c>X-Api-Key</c>. Empty keys are ignored, never matched.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>Who holds the key (shown in the audit trail of what it imports, e.g. "API:大屏").</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary><see cref="ApiScopes.Read"/> and/or <see cref="ApiScopes.Import"/>.</summary>
    public List<string> Scopes { get; set; } = [];
}

/// <summary>What a key may do.</summary>
public static class ApiScopes
{
    public const string ClaimType = "scope";
    public const string Read = "read";
    public const string Import = "import";
}
