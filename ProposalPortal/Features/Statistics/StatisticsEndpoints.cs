using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
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

        // 办理情况统计表, one per source: 建议 for the 人大选联工委, 提案 for the 政协提案委.
        group.MapGet("/report/suggestions.xlsx", (int year, HttpContext http, StatisticsExport export, IDbContextFactory<PortalDbContext> dbFactory) =>
            HandlingReportAsync(year, ProposalKind.Suggestion, http, export, dbFactory));
        group.MapGet("/report/proposals.xlsx", (int year, HttpContext http, StatisticsExport export, IDbContextFactory<PortalDbContext> dbFactory) =>
            HandlingReportAsync(year, ProposalKind.Proposal, http, export, dbFactory));
        return endpoints;
    }

    private static async Task<IResult> HandlingReportAsync(int year, ProposalKind kind, HttpContext http, StatisticsExport export,
        IDbContextFactory<PortalDbContext> dbFactory) =>
        await CurrentActor.ForAsync(http.User, dbFactory, http.RequestAborted) is { } actor
            ? Results.File(await export.HandlingReportXlsxAsync(year, kind, actor, http.RequestAborted), ImportEndpoints.XlsxContentType,
                StatisticsExport.ReportName(year, kind) + ".xlsx")
            : Results.Forbid();
}
