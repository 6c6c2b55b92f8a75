using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Statistics;

namespace ProposalPortal.Features.Api;

/// <summary>One source and role: 市政协 主办 8.</summary>
public sealed record SourceCountDto(string Source, string Role, int Count);

/// <summary>
/// GET /api/v1/statistics/{year}. Rates are fractions from 0 to 1, null where nothing is counted yet (denominator 0);
/// every figure comes from <see cref="FigureRules"/>, as on the statistics page.
/// </summary>
public sealed record StatisticsDto(
    int Year,
    int Received,
    int Lead,
    int Assisting,
    IReadOnlyList<SourceCountDto> BySource,
    int LeadClosed,
    double? CompletionRate,
    int ClosedOnTime,
    double? OnTimeRate,
    int Evaluated,
    double? SatisfactionRate,
    double? FirstRoundSatisfactionRate,
    IReadOnlyDictionary<string, int> Categories,
    int Published,
    double? PublicationRate,
    double? FaceToFaceRate,
    int KeyItems,
    int Overdue,
    int DueSoon,
    int? PreviousYearReceived,
    int Returned)
{
    public static StatisticsDto From(YearFigures f) => new(
        f.Year, f.Received, f.Lead, f.Assisting,
        f.BySource.Select(s => new SourceCountDto(s.Source, s.Role.ToChinese(), s.Count)).ToList(),
        f.LeadClosed, f.CompletionRate.Value, f.ClosedOnTime, f.OnTimeRate.Value,
        f.Evaluated, f.FinalSatisfaction.Value, f.FirstRoundSatisfaction.Value,
        Enum.GetValues<ResultCategory>().ToDictionary(c => c.ToString(), c => f.Categories.GetValueOrDefault(c)),
        f.Published, f.PublicationRate.Value, f.FaceToFaceRate.Value, f.KeyItems, f.Overdue, f.DueSoon,
        f.PreviousYearReceived, f.Returned);
}

/// <summary>The problems of a request, in Chinese (400).</summary>
public sealed record ApiProblem(string Message, IReadOnlyList<string>? Problems = null);
