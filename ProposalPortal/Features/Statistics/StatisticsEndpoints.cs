using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Import;

namespace ProposalPortal.Features.Statistics;

/// <summary>The statistics page's exports, for leaders and the Office (who see every item).</summary>
public static class StatisticsEndpoints
{
    public static IEndpointRouteBuilder MapStatisticsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/statistics/{year:int:range(2000,2100)}")
            .RequireAuthorization(PortalPolicies.Leadership);

        group.MapGet("/figures.xlsx", async (int year, StatisticsExport export, CancellationToken cancellationToken) =>
            Results.File(await export.FiguresXlsxAsync(year, cancellationToken), ImportEndpoints.XlsxContentType, $"{year}年建议提案办理统计.xlsx"));

        group.MapGet("/items.xlsx", async (int year, HttpContext http, StatisticsExport export, IDbContextFactory<PortalDbContext> dbFactory) =>
            await CurrentActor.ForAsync(http.User, dbFactory, http.RequestAborted) is { } actor
                ? Results.File(await export.ItemsXlsxAsync(year, actor, http.RequestAborted), ImportEndpoints.XlsxContentType, $"{year}年建议提案清单.xlsx")
                : Results.Forbid());
        return endpoints;
    }
}
