using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Features.Account;

namespace ProposalPortal.Features.Notices;

/// <summary>
/// GET /notices/{id}/open: marks one of the signed-in person's notices read and goes to its item. A plain link, so the
/// static 通知 page needs no circuit and opening in a new tab marks it read too. Marking one's own notice read is the
/// whole effect, harmless if a link is followed twice; another person's notice, or none, is 404 and changes nothing.
/// </summary>
public static class NoticeEndpoints
{
    public static string OpenPath(long noticeId) => $"/notices/{noticeId.ToString(System.Globalization.CultureInfo.InvariantCulture)}/open";

    public static IEndpointRouteBuilder MapNoticeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/notices/{id:long}/open", async (long id, HttpContext http, NoticeService notices,
            IDbContextFactory<PortalDbContext> dbFactory) =>
        {
            // The current person, from the database, as every door reads it.
            var actor = await CurrentActor.ForAsync(http.User, dbFactory, http.RequestAborted);
            if (actor is null)
            {
                return Results.Forbid();
            }

            return await notices.OpenAsync(actor, id, http.RequestAborted) is { } proposalId
                ? Results.Redirect($"/proposals/{proposalId.ToString(System.Globalization.CultureInfo.InvariantCulture)}")
                : Results.NotFound();
        }).RequireAuthorization(PortalPolicies.SignedIn);
        return endpoints;
    }
}
