using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Import;
using ProposalPortal.Features.Proposals.Batch;

namespace ProposalPortal.Features.Proposals.Export;

/// <summary>
/// <c>/proposals/export.xlsx</c> with the list's own query string: the filtered list as the actor may see it (section
/// staff: their section's items only). A POST of chosen items (the Office's batch "导出") exports those of them that the
/// filter and the actor allow; "all N matching" is the filter itself, read again here from the query string.
/// </summary>
public static class ProposalExportEndpoints
{
    public const string Path = "/proposals/export.xlsx";

    public static IEndpointRouteBuilder MapProposalExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext http, ProposalListExport export, PortalClock clock, IDbContextFactory<PortalDbContext> dbFactory) =>
                ExportAsync(http, export, clock, dbFactory, only: null))
            .RequireAuthorization(PortalPolicies.SignedIn);

        // A form post (the batch bar's 导出 button): binding the form makes the endpoint check its antiforgery token.
        endpoints.MapPost(Path, (HttpContext http, IFormCollection form, ProposalListExport export, PortalClock clock, IDbContextFactory<PortalDbContext> dbFactory) =>
                ExportAsync(http, export, clock, dbFactory, BatchForm.AllMatching(form) ? null : BatchForm.Ids(form)))
            .RequireAuthorization(PortalPolicies.Office);
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(HttpContext http, ProposalListExport export, PortalClock clock,
        IDbContextFactory<PortalDbContext> dbFactory, IReadOnlyCollection<int>? only)
    {
        if (await CurrentActor.ForAsync(http.User, dbFactory, http.RequestAborted) is not { } actor)
        {
            return Results.Forbid();
        }

        var uri = http.Request.GetDisplayUrl();
        var filter = ProposalList.FromUri(uri, clock.Today.Year);
        var bytes = await export.XlsxAsync(filter, ProposalList.SortFromUri(uri), only, actor, http.RequestAborted);
        var name = string.Create(CultureInfo.InvariantCulture, $"建议提案清单（{ChineseDate(clock.Today)}）.xlsx");
        return Results.File(bytes, ImportEndpoints.XlsxContentType, name);
    }

    private static string ChineseDate(DateOnly date) => Domain.ChineseDate.Format(date);
}
