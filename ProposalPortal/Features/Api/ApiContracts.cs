using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Statistics;
using ProposalPortal.Features.Proposals;

namespace ProposalPortal.Features.Api;

/// <summary>One source and role: 市政协 主办 8.</summary>
public sealed record SourceCountDto(string Source, string Role, int Count);

/// <summary>
/// GET /api/v1/statistics/{year}. Rates are fractions from 0 to 1, null where nothing is counted yet (denominator 0);
/// every figure comes from <see cref="FigureRules"/>, as on the statistics page. <c>NoFeedback</c> counts the lead items
/// closed as 未反馈 (no proposer answered within the window), which are left out of <c>Evaluated</c> and the rates.
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
    int NoFeedback,
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
        f.Evaluated, f.NoFeedback, f.FinalSatisfaction.Value, f.FirstRoundSatisfaction.Value,
        Enum.GetValues<ResultCategory>().ToDictionary(c => c.ToString(), c => f.Categories.GetValueOrDefault(c)),
        f.Published, f.PublicationRate.Value, f.FaceToFaceRate.Value, f.KeyItems, f.Overdue, f.DueSoon,
        f.PreviousYearReceived, f.Returned);
}

/// <summary>The problems of a request, in Chinese (400).</summary>
public sealed record ApiProblem(string Message, IReadOnlyList<string>? Problems = null);

/// <summary>One item in the API's lists. Dates are yyyy-MM-dd; <c>state</c> is the Chinese name, <c>stateCode</c> the code.</summary>
public sealed record ProposalItemDto(
    int Id,
    int Year,
    string Source,
    string Kind,
    string Session,
    int Number,
    string Title,
    string LeadProposer,
    string Role,
    string State,
    string StateCode,
    bool IsKey,
    DateOnly AssignedOn,
    DateOnly? Deadline,
    bool Overdue)
{
    public static ProposalItemDto From(ProposalRow r, DateOnly today) => new(
        r.Id, r.Year, r.SourceName, r.Kind.ToChinese(), r.Session, r.Number, r.Title, r.LeadProposer, r.Role.ToChinese(),
        r.State.ToChinese(), r.State.ToString(), r.IsKey, r.AssignedOn, r.Deadline,
        IsOverdue(r.Deadline, r.State, today));

    /// <summary>DOMAIN.md: overdue when today is after the deadline and the step it is for is not done.</summary>
    public static bool IsOverdue(DateOnly? deadline, ProposalState state, DateOnly today) =>
        deadline is { } d && today > d && !Proposal.IsDeadlineStepDoneIn(state);
}

/// <summary>A page of items.</summary>
public sealed record ProposalPageDto(int Page, int PageSize, int Total, IReadOnlyList<ProposalItemDto> Items);

/// <summary>The current reply (or the opinion, for assisting items) as far as it has come.</summary>
public sealed record ReplyDto(string Kind, string? DocumentNumber, string? Category, DateOnly? IssuedOn, bool IsSigned, bool IsPublished);

/// <summary>GET /api/v1/proposals/{id}: the item with its details. Proposers' phones and addresses are never given out.</summary>
public sealed record ProposalDetailDto(
    int Id,
    int Year,
    string Source,
    string Kind,
    string Session,
    int Number,
    string Title,
    string Role,
    string State,
    string StateCode,
    bool IsKey,
    DateOnly AssignedOn,
    DateOnly? Deadline,
    bool Overdue,
    string? DeadlineExplanation,
    IReadOnlyList<string> Proposers,
    IReadOnlyList<string> Topics,
    string? LeadUnit,
    string? CoUnits,
    string? Content,
    DateOnly? RepliedOn,
    DateOnly? ClosedOn,
    ReplyDto? Reply)
{
    public static ProposalDetailDto From(Proposal p, DateOnly today) => new(
        p.Id, p.Year, p.SourceName, p.Kind.ToChinese(), p.Session, p.Number, p.Title, p.Role.ToChinese(), p.State.ToChinese(),
        p.State.ToString(), p.IsKey, p.AssignedOn, p.Deadline, ProposalItemDto.IsOverdue(p.Deadline, p.State, today), p.DeadlineExplanation,
        p.Proposers.OrderBy(x => x.Order).Select(x => x.Name).ToList(), p.Topics.Select(t => t.Name).ToList(),
        p.LeadUnit, p.CoUnits, p.Content, p.RepliedOn, p.ClosedOn,
        p.CurrentReply is { } r
            ? new ReplyDto(r.Kind == ReplyKind.Letter ? "答复函" : "协办意见", r.DocumentNumber, r.Category?.ToString(), r.IssuedOn, r.IsSigned, r.IsPublished)
            : null);
}

/// <summary>One row of an import's preview.</summary>
public sealed record ImportRowDto(int Line, string Session, string Number, string Title, bool AlreadyRegistered, IReadOnlyList<string> Problems);

/// <summary>POST /api/v1/imports: the preview (dryRun) or the result; on 400 <c>problems</c> lists every problem with its line.</summary>
public sealed record ImportResultDto(
    string FileName,
    bool Clean,
    bool DryRun,
    int Imported,
    int NewRows,
    int AlreadyRegistered,
    IReadOnlyList<string> Problems,
    IReadOnlyList<ImportRowDto> Rows,
    string? Message = null);
