using ProposalPortal.Features.Account;

namespace ProposalPortal.Features.Summary;

/// <summary>GET /summary/{year}.docx and .pdf: the year's summary as a Word document or a PDF, for leaders and the Office.</summary>
public static class SummaryEndpoints
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static IEndpointRouteBuilder MapSummaryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/summary/{year:int:range(2000,2100)}.docx", async (int year, AnnualSummaryService summaries, CancellationToken cancellationToken) =>
                Results.File(await summaries.DocxAsync(year, cancellationToken), DocxContentType, $"{year}年建议提案办理工作总结.docx"))
            .RequireAuthorization(PortalPolicies.Leadership);
        endpoints.MapGet("/summary/{year:int:range(2000,2100)}.pdf", async (int year, AnnualSummaryService summaries, CancellationToken cancellationToken) =>
            {
                var (pdf, error) = await summaries.PdfAsync(year, cancellationToken);
                return pdf is null
                    ? Results.Text(error, "text/plain; charset=utf-8", statusCode: StatusCodes.Status422UnprocessableEntity)
                    : Results.File(pdf, "application/pdf", $"{year}年建议提案办理工作总结.pdf");
            })
            .RequireAuthorization(PortalPolicies.Leadership);
        return endpoints;
    }
}
