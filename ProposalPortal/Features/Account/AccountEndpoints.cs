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
        }).RequireAuthorization(PortalPolicies.SignedIn);

    /// <summary>
    /// An account that must change its password (the first administrator, or after an administrator's reset) can do
    /// nothing else: a page leads to the change form; anything else (the API, the hub, a circuit, a form post) is refused.
    /// What anyone may reach (the public pages, static files) stays open. Permissions read from the database refuse the
    /// same account too (<see cref="CurrentActor"/>), for a cookie issued before the reset.
    /// </summary>
    public static IApplicationBuilder UseForcedPasswordChange(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (!context.User.HasClaim(PortalClaimsFactory.MustChangePassword, "true")
                || path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
                || context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null)
            {
                await next();
                return;
            }

            var isProgram = path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);
            if (HttpMethods.IsGet(context.Request.Method) && !isProgram)
            {
                context.Response.Redirect(ChangePasswordPath);
                return;
            }

            Api.ApiPolicies.KeepStatusCode(context);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new Api.ApiProblem(MustChangeFirst));
        });

    /// <summary>Why everything but the change form is refused.</summary>
    public const string MustChangeFirst = "请先修改密码，再使用其他功能。";
}
