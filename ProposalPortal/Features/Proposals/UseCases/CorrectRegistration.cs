using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>更正登记: the Office corrects what was registered, with the reason; the audit trail keeps before and after.</summary>
public sealed record CorrectRegistration(int ProposalId, int ExpectedVersion, RegistrationCorrection Correction, string Reason) : IProposalCommand;

internal sealed class CorrectRegistrationHandler(ProposalService proposals) : UseCase<CorrectRegistration>
{
    public override async Task<Result> HandleAsync(CorrectRegistration command, Actor actor, CancellationToken cancellationToken = default)
    {
        var (session, number) = (command.Correction.Session?.Trim() ?? string.Empty, command.Correction.Number);
        try
        {
            return await proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor, async (db, p, c) =>
            {
                var taken = await db.Proposals.AnyAsync(x => x.Session == session && x.Number == number && x.Id != p.Id, cancellationToken);
                var result = p.CorrectRegistration(actor, command.Correction, command.Reason, taken, c);
                DeleteDroppedProposers(db);
                return result;
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another item took the number between the look-up and the save: the unique index says so, nothing was saved.
            return Result.Refused($"保存未成功：{session}第{number}号刚刚已由另一件登记，请核对编号");
        }
    }

    /// <summary>
    /// A proposer taken off the item is gone, not left behind without an item: the relationship lets EF Core only clear
    /// the row's ProposalId, so the handler deletes the row.
    /// </summary>
    private static void DeleteDroppedProposers(PortalDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        foreach (var dropped in db.ChangeTracker.Entries<Proposer>().Where(e => e.Property("ProposalId").CurrentValue is null).ToList())
        {
            dropped.State = EntityState.Deleted;
        }
    }
}
