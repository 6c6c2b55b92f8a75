using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Import;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Statistics;

namespace ProposalPortal.Features.Api;

/// <summary>
/// The JSON API under /api/v1 for other systems and wall displays: read-only except the import. Every endpoint
/// names its policy (an API key with the scope, or the signed-in cookie with the role); section staff signed in
/// through the cookie see only their section's items, as everywhere else.
/// </summary>
public static class ApiEndpoints
{
    public const int MaxPageSize = 200;
    private const int MinYear = 2000;
    private const int MaxYear = 2100;

    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder endpoints)
    {
        // The API's description is for those who may use it: a signed-in person or a program with a key.
        endpoints.MapOpenApi().RequireAuthorization(ApiPolicies.Describe);
        var api = endpoints.MapGroup("/api/v1").WithTags("ProposalPortal");

        api.MapGet("/statistics/{year:int}", StatisticsAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetStatistics")
            .WithSummary("一年的办理统计（比率为 0 至 1 的小数，分母为 0 时为 null）")
            .Produces<StatisticsDto>()
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest);

        api.MapGet("/proposals", ListAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("ListProposals")
            .WithSummary("建议提案列表（分页；state 可用代码如 InProgress 或中文如 办理中；overdue=true 只列超期件，overdue=false 只列未超期件；q 检索标题、提出人或编号）")
            .Produces<ProposalPageDto>()
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest);

        api.MapGet("/proposals/{id:int}", async (int id, HttpContext http, ProposalService proposals, PortalClock clock,
                IDbContextFactory<PortalDbContext> dbFactory) =>
            {
                var actor = await ActorAsync(http.User, dbFactory, http.RequestAborted);
                var proposal = actor is null ? null : await proposals.FindAsync(id, actor, http.RequestAborted);
                return proposal is null
                    ? Results.NotFound(new ApiProblem("找不到该件，或您无权查看该件"))
                    : Results.Ok(ProposalDetailDto.From(proposal, clock.Today));
            })
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetProposal")
            .WithSummary("一件建议提案的详情")
            .Produces<ProposalDetailDto>()
            .Produces<ApiProblem>(StatusCodes.Status404NotFound);

        api.MapGet("/proposals/{id:int}/reply.pdf", async (int id, HttpContext http, ProposalService proposals,
                IDbContextFactory<PortalDbContext> dbFactory, Letters.ReplyLetterService letters) =>
            {
                var actor = await ActorAsync(http.User, dbFactory, http.RequestAborted);
                var proposal = actor is null ? null : await proposals.FindAsync(id, actor, http.RequestAborted);
                if (proposal is null)
                {
                    return Results.NotFound(new ApiProblem("找不到该件，或您无权查看该件"));
                }

                var letter = proposal.CurrentReply is { IsSigned: true, Kind: ReplyKind.Letter }
                    ? await letters.SignedAsync(id, null, actor!, http.RequestAborted)
                    : null;
                if (letter is not null)
                {
                    return Results.File(letter.Content, "application/pdf", letter.FileName);
                }

                // 503, not 409: the letter exists and the request is right; it is the server that cannot hand it out
                // until the letter is re-signed (at the next start, once the certificate opens), and the caller can do
                // nothing but try again later — which is what 503 tells a program, where 409 asks it to change something.
                return await letters.AwaitsReissueAsync(id, actor!, http.RequestAborted)
                    ? Results.Problem(detail: Letters.ReplyLetterService.BeingReissued, statusCode: StatusCodes.Status503ServiceUnavailable)
                    : Results.NotFound(new ApiProblem("尚无已签发的答复函"));
            })
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetReplyPdf")
            .WithSummary("该件当前答复函的已签发 PDF（原样字节）；答复函正在重新签章时返回 503")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .Produces<ApiProblem>(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/imports", ImportAsync)
            .RequireAuthorization(ApiPolicies.Import)
            // Callers are programs with an API key; a cookie caller is protected by the SameSite=Strict cookie.
            .DisableAntiforgery()
            .WithName("ImportAssignmentList")
            .WithSummary("导入交办清单（multipart 文件字段 file;dryRun=true 只预览）。有问题时返回 400 并列出全部问题，不导入任何一件")
            .Produces<ImportResultDto>()
            .Produces<ImportResultDto>(StatusCodes.Status400BadRequest);

        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ProposalQueryService query, PortalClock clock,
        IDbContextFactory<PortalDbContext> dbFactory,
        int? year = null, int? number = null, string? state = null, bool? overdue = null, string? q = null,
        int page = 1, int pageSize = 50)
    {
        var problems = new List<string>();
        ProposalState? parsedState = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            parsedState = Enum.GetValues<ProposalState>().Cast<ProposalState?>()
                .FirstOrDefault(s => string.Equals(s.ToString(), state.Trim(), StringComparison.OrdinalIgnoreCase) || s!.Value.ToChinese() == state.Trim());
            if (parsedState is null)
            {
                problems.Add($"state“{state}”无效，可用：{string.Join("、", Enum.GetValues<ProposalState>().Select(s => $"{s}（{s.ToChinese()}）"))}");
            }
        }

        if (page < 1) problems.Add("page 须为正整数");
        if (pageSize is < 1 or > MaxPageSize) problems.Add($"pageSize 须在1至{MaxPageSize}之间");
        if (year is < MinYear or > MaxYear) problems.Add($"year 须在{MinYear}至{MaxYear}之间");
        if (problems.Count > 0)
        {
            return Results.BadRequest(new ApiProblem("查询参数有误", problems));
        }

        var actor = await ActorAsync(http.User, dbFactory, http.RequestAborted);
        if (actor is null)
        {
            return Results.Forbid();
        }

        var result = await query.QueryAsync(new ProposalQuery(
            Year: year, State: parsedState, Due: overdue switch { true => DueFilter.Overdue, false => DueFilter.NotOverdue, null => DueFilter.Any }, Text: q,
            Sort: ProposalSort.NumberAscending, Page: page - 1, PageSize: pageSize, Number: number), actor, http.RequestAborted);
        var today = clock.Today;
        return Results.Ok(new ProposalPageDto(page, pageSize, result.Total, result.Rows.Select(r => ProposalItemDto.From(r, today)).ToList()));
    }

    private static async Task<IResult> ImportAsync(HttpContext http, AssignmentImportService import,
        IDbContextFactory<PortalDbContext> dbFactory, [FromQuery] bool dryRun = false)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        var file = form?.Files.GetFile("file") ?? (form?.Files.Count > 0 ? form.Files[0] : null);
        if (file is null)
        {
            return Results.BadRequest(new ApiProblem("请以 multipart/form-data 上传文件（字段名 file）"));
        }

        if (file.Length > AssignmentFileReader.MaxBytes)
        {
            return Results.BadRequest(Result(ImportPreview.Refused(file.FileName, $"文件过大：交办清单不能超过{AssignmentFileReader.MaxBytes / 1024 / 1024}MB"), dryRun, 0, null));
        }

        byte[] content;
        using (var buffer = new MemoryStream())
        {
            await file.CopyToAsync(buffer, http.RequestAborted);
            content = buffer.ToArray();
        }

        if (dryRun)
        {
            var preview = await import.PreviewAsync(file.FileName, content, http.RequestAborted);
            return Results.Ok(Result(preview, dryRun: true, 0, null));
        }

        var actor = await ActorAsync(http.User, dbFactory, http.RequestAborted);
        if (actor is null)
        {
            return Results.Forbid();
        }

        var outcome = await import.ImportAsync(file.FileName, content, actor, http.RequestAborted);
        var body = Result(outcome.Preview, dryRun: false, outcome.Imported, outcome.Outcome.Error);
        return outcome.Succeeded ? Results.Ok(body) : Results.BadRequest(body);
    }

    private static ImportResultDto Result(ImportPreview preview, bool dryRun, int imported, string? message) => new(
        preview.FileName, preview.IsClean, dryRun, imported, preview.NewRows.Count, preview.AlreadyRegisteredCount,
        [.. preview.FileProblems, .. preview.Rows.SelectMany(r => r.Problems.Select(p => p.StartsWith($"第{r.Line}行", StringComparison.Ordinal) ? p : $"第{r.Line}行：{p}"))],
        preview.Rows.Select(r => new ImportRowDto(r.Line, r.Session, r.Number, r.Title, r.AlreadyRegistered, r.Problems)).ToList(),
        message);

    /// <summary>
    /// A year's figures within the caller's scope, as on the boards: a key, leaders and the Office get the bureau's,
    /// section staff their own section's only; anyone else signed in (an administrator's account) none.
    /// </summary>
    private static async Task<IResult> StatisticsAsync(int year, HttpContext http, StatisticsService statistics,
        IDbContextFactory<PortalDbContext> dbFactory)
    {
        if (year is < MinYear or > MaxYear)
        {
            return Results.BadRequest(new ApiProblem($"年度须在{MinYear}至{MaxYear}之间"));
        }

        var actor = await ActorAsync(http.User, dbFactory, http.RequestAborted);
        var scope = actor is null ? null : Supervision.BoardScope.For(actor);
        return scope switch
        {
            null => Results.Json(new ApiProblem("您无权查看办理统计"), statusCode: StatusCodes.Status403Forbidden),
            { SectionId: { } section } => Results.Ok(StatisticsDto.From(await statistics.GetSectionFiguresAsync(year, section, http.RequestAborted))),
            _ => Results.Ok(StatisticsDto.From(await statistics.GetYearFiguresAsync(year, http.RequestAborted))),
        };
    }

    /// <summary>
    /// Who is calling, as the workflow sees them: the signed-in staff member, or for an API key a caller that sees every
    /// item like the Office (a key is the bureau's own, given to its displays and to the city's assignment system) and
    /// is named after the key in the audit trail.
    /// </summary>
    private static async Task<Actor?> ActorAsync(ClaimsPrincipal user, IDbContextFactory<PortalDbContext> dbFactory, CancellationToken cancellationToken)
    {
        if (ApiPolicies.IsApiKey(user))
        {
            return new Actor(0, $"API:{user.FindFirstValue(ApiKeyAuthenticationHandler.KeyNameClaim)}", StaffRoles.Office);
        }

        return await CurrentActor.ForAsync(user, dbFactory, cancellationToken);
    }
}
