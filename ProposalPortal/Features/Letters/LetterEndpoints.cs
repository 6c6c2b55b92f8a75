using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;

namespace ProposalPortal.Features.Letters;

/// <summary>The letters as files: the preview before sign-off and the stored signed versions, to those who may see the item.</summary>
public static class LetterEndpoints
{
    /// <summary>The HTTP status of a refusal: the service says what sort it is, only the endpoint speaks HTTP.</summary>
    public static int StatusOf(RefusalKind kind) => kind switch
    {
        RefusalKind.NotAllowed => StatusCodes.Status403Forbidden,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public static string PreviewPath(int proposalId) => $"/proposals/{proposalId}/letter/preview";

    public static string SignedPath(int proposalId, int? version = null, bool download = false) =>
        $"/proposals/{proposalId}/letter" + (version is { } v ? $"?version={v}" : string.Empty) +
        (download ? (version is null ? "?" : "&") + "download=true" : string.Empty);

    public static void MapLetterEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/proposals/{id:int}/letter/preview", async (int id, HttpContext http, ReplyLetterService letters,
            IDbContextFactory<PortalDbContext> dbFactory) =>
        {
            var actor = await CurrentActor.ForAsync(http.User, dbFactory, http.RequestAborted);
            if (actor is null)
            {
                return Results.Forbid();
            }

            var (file, error) = await letters.PreviewAsync(id, actor, http.RequestAborted);
            // Shown in the browser's own PDF viewer (inline), never cached: the draft may change.
            http.Response.Headers.CacheControl = "no-store";
            return file is null
                ? Results.Text(error, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound)
                : Results.File(file.Content, "application/pdf");
        }).RequireAuthorization(PortalPolicies.SignedIn);

        endpoints.MapGet("/proposals/{id:int}/letter", async (int id, int? version, bool? download, HttpContext http,
            ReplyLetterService letters, IDbContextFactory<PortalDbContext> dbFactory) =>
        {
            var actor = await CurrentActor.ForAsync(http.User, dbFactory, http.RequestAborted);
            if (actor is null)
            {
                return Results.Forbid();
            }

            var file = await letters.SignedAsync(id, version, actor, http.RequestAborted);
            if (file is null && version is null && await letters.AwaitsReissueAsync(id, actor, http.RequestAborted))
            {
                // 503 as in the API: the letter exists and comes back once re-signed; try again later.
                return Results.Text(ReplyLetterService.BeingReissued, "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            if (file is null)
            {
                return Results.Text("找不到该件的签章答复函，或您无权查看该件", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            }

            // The stored bytes exactly as signed; the hash lets anyone check a copy against the audit trail.
            http.Response.Headers["X-Content-SHA256"] = file.Sha256;
            return download == true
                ? Results.File(file.Content, "application/pdf", file.FileName)
                : Results.File(file.Content, "application/pdf");
        }).RequireAuthorization(PortalPolicies.SignedIn);

        // The file's forms (交办通知单, 签批单, 回执): staff who may see the item, as for its letters; never cached, as the
        // item moves on.
        foreach (var form in Enum.GetValues<FileForm>())
        {
            endpoints.MapGet(OfficialForms.PathFor(0, form).Replace("/proposals/0/", "/proposals/{id:int}/", StringComparison.Ordinal),
                (int id, HttpContext http, OfficialForms forms, IDbContextFactory<PortalDbContext> dbFactory) =>
                    FileForActorAsync(http, dbFactory, "application/pdf", (actor, ct) => forms.ForAsync(id, form, actor, ct)))
                .RequireAuthorization(PortalPolicies.SignedIn);
        }

        // The draft reply as Word, for the OA system or WPS: the section and those who review and sign off.
        endpoints.MapGet("/proposals/{id:int}/draft.docx", (int id, HttpContext http, DraftWord word,
            IDbContextFactory<PortalDbContext> dbFactory) =>
            FileForActorAsync(http, dbFactory, DraftDocx.ContentType, (actor, ct) => word.DownloadAsync(id, actor, ct)))
            .RequireAuthorization(PortalPolicies.SignedIn);

        // One proposer's 办理情况征询意见表, n = their position (1 = lead). It holds their personal link: the Office only,
        // never cached on the way.
        endpoints.MapGet("/proposals/{id:int}/forms/evaluation/{n:int}.pdf", (int id, int n, HttpContext http,
            EvaluationForms forms, IDbContextFactory<PortalDbContext> dbFactory) =>
            FileForActorAsync(http, dbFactory, "application/pdf", (actor, ct) => forms.ForAsync(id, n, actor, ct)))
            .RequireAuthorization(PortalPolicies.SignedIn);
    }

    /// <summary>
    /// A document made for whoever asks, as their account stands now (refused when it no longer acts): never cached on
    /// the way, since a form may hold a personal link and a draft is not public; a refusal is the Chinese reason with
    /// the status its kind calls for.
    /// </summary>
    private static async Task<IResult> FileForActorAsync(HttpContext http, IDbContextFactory<PortalDbContext> dbFactory, string contentType,
        Func<Actor, CancellationToken, Task<Result<LetterFile>>> make)
    {
        var actor = await CurrentActor.ForAsync(http.User, dbFactory, http.RequestAborted);
        if (actor is null)
        {
            return Results.Forbid();
        }

        var result = await make(actor, http.RequestAborted);
        http.Response.Headers.CacheControl = "no-store";
        return result.Value is { } file
            ? Results.File(file.Content, contentType, file.FileName)
            : Results.Text(result.Error, "text/plain; charset=utf-8", statusCode: StatusOf(result.Kind));
    }
}
