using System.Threading.RateLimiting;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Publication.Pages;

namespace ProposalPortal.Features.Publication;

/// <summary>
/// /public: the published replies, their Atom feed and the proposers' evaluation links. Plain server-rendered HTML
/// (no interactive circuit, no sign-in, no cookie) under strict security headers.
/// </summary>
public static class PublicEndpoints
{
    public const string EvaluationRateLimit = "public-evaluation";

    /// <summary>The rate limit of the evaluation links: a fixed number of requests per minute and client address.</summary>
    public static IServiceCollection AddPublicPages(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(EvaluationRateLimit, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<PublicOptions>>().Value.EvaluationRequestsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Page<PublicMessageView>(context.HttpContext, StatusCodes.Status429TooManyRequests, new()
                {
                    [nameof(PublicMessageView.Title)] = "请求过于频繁",
                    [nameof(PublicMessageView.Message)] = "您的请求过于频繁，请一分钟后再试。",
                }).ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    /// <summary>
    /// Security headers for everything under /public: no script at all, no framing, no referrer (the evaluation token
    /// is in the address), and no caching of the personal evaluation pages.
    /// </summary>
    public static IApplicationBuilder UsePublicSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/public"))
            {
                ApplySecurityHeaders(context);
            }

            await next(context);
        });

    // Also applied again by the error page: an exception clears the response's headers.
    private static void ApplySecurityHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy =
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        if (context.Request.Path.StartsWithSegments("/public/evaluate"))
        {
            headers.CacheControl = "no-store";
        }
    }

    /// <summary>
    /// The public site's own error page (any status, an exception as 500): the plain public layout, never the staff
    /// workspace with its menu. Called by <see cref="Common.ErrorResponses"/> for everything under /public.
    /// </summary>
    public static Task ErrorPageAsync(HttpContext http, int status)
    {
        ApplySecurityHeaders(http);
        var (title, message) = status switch
        {
            404 => ("未找到", "未找到该公开答复：它可能不存在，或已不再公开。"),
            400 => ("请求有误", "请求中的参数无效，请返回答复列表重新查询。"),
            405 => ("不支持该操作", "该页面不支持这种请求方式，请返回答复列表。"),
            429 => ("请求过于频繁", "您的请求过于频繁，请一分钟后再试。"),
            >= 500 => ("出错了", "服务器暂时无法处理您的请求，请稍后再试。"),
            _ => ("出错了", "无法完成您的请求，请返回答复列表。"),
        };
        return Page<PublicMessageView>(http, status, new()
        {
            [nameof(PublicMessageView.Title)] = title,
            [nameof(PublicMessageView.Message)] = message,
        }).ExecuteAsync(http);
    }

    public static void MapPublicEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/public").AllowAnonymous();

        group.MapGet("/", async (PublicationService publication, IOptions<PortalOptions> portal, HttpContext http,
            [FromQuery(Name = "q")] string? keyword, string? year, string? source, string? topic, string? category, string? page) =>
        {
            // The page's own form sends year= for 全部; anything that is not a number means "no filter", never a 400.
            var filter = new PublicFilter(Number(year), string.IsNullOrWhiteSpace(source) ? null : source,
                string.IsNullOrWhiteSpace(topic) ? null : topic,
                Enum.TryParse<ResultCategory>(category, out var c) && Enum.IsDefined(c) ? c : null,
                string.IsNullOrWhiteSpace(keyword) ? null : keyword.Trim(), Number(page) is > 0 and var p ? p : 1);
            var model = await publication.ListAsync(filter, http.RequestAborted);
            return Page<PublicListView>(http, StatusCodes.Status200OK, new()
            {
                [nameof(PublicListView.Model)] = model,
                [nameof(PublicListView.Bureau)] = portal.Value.BureauName,
            });
        });

        group.MapGet("/replies/{id:int}", async (int id, PublicationService publication, IOptions<PortalOptions> portal, HttpContext http) =>
            await publication.FindAsync(id, http.RequestAborted) is { } reply
                ? (IResult)Page<PublicReplyView>(http, StatusCodes.Status200OK, new()
                {
                    [nameof(PublicReplyView.Model)] = reply,
                    [nameof(PublicReplyView.Bureau)] = portal.Value.BureauName,
                })
                : NotFound(http));

        // The signed letter exactly as stored, for replies published in full (a summary-only reply has no public letter).
        group.MapGet("/replies/{id:int}/pdf", async (int id, Letters.ReplyLetterService letters, HttpContext http) =>
        {
            if (await letters.PublishedAsync(id, http.RequestAborted) is not { } letter)
            {
                // A published letter withheld until it is re-signed comes back: 503 (try later), not "no longer public".
                if (await letters.PublishedAwaitsReissueAsync(id, http.RequestAborted))
                {
                    return Page<PublicMessageView>(http, StatusCodes.Status503ServiceUnavailable, new()
                    {
                        [nameof(PublicMessageView.Title)] = "暂时无法提供",
                        [nameof(PublicMessageView.Message)] = Letters.ReplyLetterService.BeingReissued,
                        [nameof(PublicMessageView.Bureau)] = http.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value.BureauName,
                    });
                }

                return NotFound(http);
            }

            if (letter.Sha256 is { } sha)
            {
                http.Response.Headers["X-Content-SHA256"] = sha;
            }

            return Results.File(letter.Content, "application/pdf", letter.FileName);
        });

        group.MapGet("/feed", async (PublicationService publication, IOptions<PortalOptions> portal,
            IOptions<PublicOptions> options, HttpContext http) =>
        {
            var replies = await publication.LatestAsync(http.RequestAborted);
            return Results.Text(AtomFeed(replies, portal.Value.BureauName, options.Value.BaseUrl.TrimEnd('/')),
                "application/atom+xml; charset=utf-8");
        });

        // Anything else under /public is a plain public 404, not the workspace's sign-in page.
        group.MapGet("/{**rest}", (HttpContext http) => NotFound(http));

        var evaluate = group.MapGroup("/evaluate").RequireRateLimiting(EvaluationRateLimit);
        evaluate.MapGet("/{token}", async (string token, EvaluationService evaluations, IOptions<PortalOptions> portal, HttpContext http) =>
        {
            var model = await evaluations.OpenAsync(token, http.RequestAborted);
            return EvaluationPage(http, model, token, portal.Value.BureauName, saved: false, error: null);
        });

        // The token in the address is the proposer's credential and no cookie is involved, so a forged cross-site post
        // gains nothing: the antiforgery check (which would set a cookie) is left off on purpose.
        evaluate.MapPost("/{token}", async (string token, HttpRequest request, EvaluationService evaluations,
            IOptions<PortalOptions> portal, HttpContext http) =>
        {
            var form = request.HasFormContentType ? await request.ReadFormAsync(http.RequestAborted) : FormCollection.Empty;
            var bureau = portal.Value.BureauName;
            // One value per field: with two satisfaction values, which one the proposer meant is a guess.
            if (EvaluationFields.FirstOrDefault(field => form[field].Count > 1) is { } repeated)
            {
                var current = await evaluations.OpenAsync(token, http.RequestAborted);
                var page = EvaluationPage(http, current, token, bureau, saved: false,
                    error: $"表单中“{EvaluationFieldNames[repeated]}”提交了不止一个值，未保存。请重新打开本页填写后提交。");
                if (current.Status != EvaluationLinkStatus.NotFound)
                {
                    page.StatusCode = StatusCodes.Status400BadRequest;
                }

                return page;
            }

            if (Parse(form["satisfaction"]) is not { } satisfaction)
            {
                var current = await evaluations.OpenAsync(token, http.RequestAborted);
                return EvaluationPage(http, current, token, bureau, saved: false,
                    error: current.Status == EvaluationLinkStatus.Open ? "请选择总体评价：满意、基本满意或不满意" : null);
            }

            var answer = new EvaluationAnswer(satisfaction, form["comment"].ToString(),
                new EvaluationRatings(Parse(form["attitude"]), Parse(form["substance"]), Parse(form["followThrough"])));
            var (result, model) = await evaluations.SubmitAsync(token, answer, http.RequestAborted);
            return EvaluationPage(http, model, token, bureau, saved: result.IsOk,
                error: result.IsOk || model.Status != EvaluationLinkStatus.Open ? null : result.Error);
        }).DisableAntiforgery();
    }

    private static readonly string[] EvaluationFields = ["satisfaction", "attitude", "substance", "followThrough", "comment"];

    private static readonly Dictionary<string, string> EvaluationFieldNames = new()
    {
        ["satisfaction"] = "总体评价", ["attitude"] = "办理态度", ["substance"] = "答复内容", ["followThrough"] = "落实情况", ["comment"] = "意见和建议",
    };

    private static int? Number(string? text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    private static RazorComponentResult<EvaluateView> EvaluationPage(HttpContext http, EvaluationPageModel model, string token, string bureau, bool saved, string? error) =>
        Page<EvaluateView>(http, model.Status == EvaluationLinkStatus.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status200OK, new()
        {
            [nameof(EvaluateView.Model)] = model,
            // A token that matched nothing is not echoed back into the page.
            [nameof(EvaluateView.Token)] = model.Status == EvaluationLinkStatus.NotFound ? string.Empty : token,
            [nameof(EvaluateView.Bureau)] = bureau,
            [nameof(EvaluateView.Saved)] = saved,
            [nameof(EvaluateView.Error)] = error,
        });

    private static Satisfaction? Parse(string? value) =>
        Enum.TryParse<Satisfaction>(value, out var s) && Enum.IsDefined(s) && !int.TryParse(value, out _) ? s : null;

    private static RazorComponentResult<PublicMessageView> NotFound(HttpContext http) =>
        Page<PublicMessageView>(http, StatusCodes.Status404NotFound, new()
        {
            [nameof(PublicMessageView.Title)] = "未找到",
            [nameof(PublicMessageView.Message)] = "未找到该公开答复：它可能不存在，或已不再公开。",
            [nameof(PublicMessageView.Bureau)] = http.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value.BureauName,
        });

    private static RazorComponentResult<T> Page<T>(HttpContext http, int status, Dictionary<string, object?> parameters)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        if (!parameters.ContainsKey("Bureau"))
        {
            parameters["Bureau"] = http.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value.BureauName;
        }

        return new RazorComponentResult<T>(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
    }

    private static string AtomFeed(IReadOnlyList<PublicReply> replies, string bureau, string baseUrl)
    {
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var updated = replies.Count == 0 ? DateTimeOffset.UnixEpoch : replies.Max(r => r.PublishedAt);
        var feed = new XElement(atom + "feed",
            new XElement(atom + "id", baseUrl + "/public"),
            new XElement(atom + "title", $"{bureau}建议提案办理答复公开"),
            new XElement(atom + "updated", updated.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)),
            new XElement(atom + "author", new XElement(atom + "name", bureau)),
            new XElement(atom + "link", new XAttribute("rel", "self"), new XAttribute("href", baseUrl + "/public/feed")),
            new XElement(atom + "link", new XAttribute("rel", "alternate"), new XAttribute("href", baseUrl + "/public")),
            replies.Select(r => new XElement(atom + "entry",
                new XElement(atom + "id", $"{baseUrl}/public/replies/{r.ReplyId}"),
                new XElement(atom + "title", r.Title),
                new XElement(atom + "updated", r.PublishedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)),
                new XElement(atom + "link", new XAttribute("href", $"{baseUrl}/public/replies/{r.ReplyId}")),
                new XElement(atom + "summary",
                    $"{r.DocumentNumber} {r.Designation}（{r.SourceName}）：" + (r.Text.Length > 200 ? r.Text[..200] + "……" : r.Text)))));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), feed).Declaration + "\n" + feed;
    }
}
