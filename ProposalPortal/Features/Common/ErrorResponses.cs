using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using ProposalPortal.Features.Publication;

namespace ProposalPortal.Features.Common;

/// <summary>
/// What an error looks like, by where it happens. The workspace shows its own error and "not found" pages; the API
/// (/api) answers every error as JSON problem details (application/problem+json) in Chinese, so a program never has to
/// parse a page; the public site (/public) shows a plain public page, never the staff menu.
/// </summary>
public static class ErrorResponses
{
    public static IServiceCollection AddErrorResponses(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            InChinese(context.ProblemDetails, context.HttpContext));

    public static WebApplication UseErrorResponses(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

        app.UseWhen(IsApi, api =>
        {
            api.Use(LeaveToThisBranch);
            api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = http => ProblemAsync(http, StatusCodes.Status500InternalServerError) });
            api.UseStatusCodePages(context => ProblemAsync(context.HttpContext, context.HttpContext.Response.StatusCode));
            api.Use((http, next) => NoRoute(http) is { } status ? ProblemAsync(http, status) : next(http));
        });

        app.UseWhen(IsPublic, site =>
        {
            site.Use(LeaveToThisBranch);
            site.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandler = http => PublicEndpoints.ErrorPageAsync(http, StatusCodes.Status500InternalServerError),
            });
            site.UseStatusCodePages(context => PublicEndpoints.ErrorPageAsync(context.HttpContext, context.HttpContext.Response.StatusCode));
            site.Use((http, next) => NoRoute(http) is { } status ? PublicEndpoints.ErrorPageAsync(http, status) : next(http));
        });

        return app;
    }

    /// <summary>Fills in the Chinese title (and, when none is given, the explanation) of a status.</summary>
    public static void InChinese(ProblemDetails problem, HttpContext http)
    {
        var status = problem.Status ?? http.Response.StatusCode;
        problem.Status = status;
        problem.Title = status switch
        {
            400 => "请求无效",
            401 => "未认证",
            403 => "无权访问",
            404 => "未找到",
            405 => "不支持该请求方法",
            406 or 415 => "不支持的内容类型",
            409 => "请求与当前状态冲突",
            413 => "请求内容过大",
            429 => "请求过于频繁",
            503 => "暂时无法提供",
            >= 500 => "服务器内部错误",
            _ => "请求未成功",
        };
        problem.Detail ??= status switch
        {
            400 => "请求的参数或格式无效（例如编号须为数字），请对照 /openapi/v1.json 检查路径、查询参数和请求内容。",
            401 => "请在 X-Api-Key 请求头中提供有效的密钥，或先登录。",
            403 => "该密钥或账号无权进行此操作。",
            404 => "没有这个接口或资源，请对照 /openapi/v1.json 检查地址。",
            405 => $"该接口不支持 {http.Request.Method} 请求，请对照 /openapi/v1.json 检查请求方法。",
            406 or 415 => "该接口不接受这种内容类型，请对照 /openapi/v1.json 检查。",
            413 => "请求内容超过了允许的大小。",
            429 => "请求过于频繁，请稍后再试。",
            >= 500 => "服务器处理请求时出错，请稍后再试；如一再出现，请把 traceId 告知系统管理员。",
            _ => null,
        };
    }

    private static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static bool IsPublic(HttpContext http) => http.Request.Path.StartsWithSegments("/public", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Turns the workspace's "not found" re-execution off for this request: the branch answers its own errors (and a
    /// status an endpoint chose to leave bare, such as the API's 401, stays bare instead of becoming a staff page).
    /// </summary>
    private static Task LeaveToThisBranch(HttpContext http, RequestDelegate next)
    {
        if (http.Features.Get<IStatusCodePagesFeature>() is { } workspacePages)
        {
            workspacePages.Enabled = false;
        }

        return next(http);
    }

    /// <summary>
    /// 404 when no route matched, 405 when routing matched the path but not the method (its stand-in endpoint is no
    /// RouteEndpoint). Answered here, before authorization: such a request reaches no data, and otherwise the
    /// workspace's fallback policy would send the sign-in challenge instead (401 for an API key, a redirect on /public).
    /// </summary>
    private static int? NoRoute(HttpContext http) => http.GetEndpoint() switch
    {
        null => StatusCodes.Status404NotFound,
        RouteEndpoint => null,
        _ => StatusCodes.Status405MethodNotAllowed,
    };

    // Written through the problem-details service (AddProblemDetails), and as JSON even to a caller that asked for HTML.
    private static Task ProblemAsync(HttpContext http, int status)
    {
        var problem = new ProblemDetails { Status = status };
        InChinese(problem, http);
        return Results.Problem(problem).ExecuteAsync(http);
    }
}
