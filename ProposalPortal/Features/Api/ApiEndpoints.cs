using ProposalPortal.Features.Statistics;

namespace ProposalPortal.Features.Api;

/// <summary>
/// The JSON API under /api/v1 for other systems and wall displays: read-only except the import. Every endpoint
/// names its policy (an API key with the scope, or the signed-in cookie with the role).
/// </summary>
public static class ApiEndpoints
{
    private const int MinYear = 2000;
    private const int MaxYear = 2100;

    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("ProposalPortal");

        api.MapGet("/statistics/{year:int}", async (int year, StatisticsService statistics, CancellationToken cancellationToken) =>
                year is < MinYear or > MaxYear
                    ? Results.BadRequest(new ApiProblem($"年度须在{MinYear}至{MaxYear}之间"))
                    : Results.Ok(StatisticsDto.From(await statistics.GetYearFiguresAsync(year, cancellationToken))))
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetStatistics")
            .WithSummary("一年的办理统计(比率为 0 至 1 的小数,分母为 0 时为 null)")
            .Produces<StatisticsDto>()
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest);

        return endpoints;
    }
}
