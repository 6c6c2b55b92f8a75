using ProposalPortal.Features.Account;

namespace ProposalPortal.Features.Import;

/// <summary>GET /import/template.xlsx: the empty assignment list with its columns, for the Office.</summary>
public static class ImportEndpoints
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/import/template.xlsx", () => Results.File(AssignmentImportService.Template(), XlsxContentType, "交办清单模板.xlsx"))
            .RequireAuthorization(PortalPolicies.Office);
        return endpoints;
    }
}
