using Microsoft.AspNetCore.Identity;

namespace ProposalPortal.Features.Account;

/// <summary>Sign-out, and the gate that sends a user whose password must be changed to the change-password page.</summary>
public static class AccountEndpoints
{
    public const string LoginPath = "/account/login";
    public const string ChangePasswordPath = "/account/change-password";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/account/logout", async (SignInManager<PortalUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect(LoginPath);
        });

    /// <summary>Until the first administrator changes the configured password, every page leads to the change form.</summary>
    public static IApplicationBuilder UseForcedPasswordChange(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (context.User.HasClaim(PortalClaimsFactory.MustChangePassword, "true")
                && !path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
                && !path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase)
                && !path.StartsWithSegments("/_content", StringComparison.OrdinalIgnoreCase)
                && !path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase)
                && HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.Redirect(ChangePasswordPath);
                return;
            }

            await next();
        });
}
