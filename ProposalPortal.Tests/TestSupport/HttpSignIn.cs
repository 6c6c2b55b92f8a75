using System.Net;
using System.Text.RegularExpressions;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>Signs an HttpClient in through the real login form, antiforgery token and all.</summary>
public static partial class HttpSignIn
{
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
    }

    public static async Task SignInAsync(HttpClient client, string userName, string password = ProposalPortal.Features.Account.AccountSeeder.DemoPassword)
    {
        var response = await PostLoginAsync(client, userName, password);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"sign-in as {userName}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 2000)]}");
        Assert.Contains("data-testid=\"current-user\"", body);
        Assert.False(body.Contains("data-testid=\"login-error\"", StringComparison.Ordinal), $"sign-in as {userName} failed");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
