using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Supervision;

namespace ProposalPortal.Features.Proposals;

/// <summary>One item of a joint-handling group, as the item page lists it.</summary>
public sealed record JointItem(int Id, string Designation, string Title, string LeadProposer, ProposalState State, DateOnly? Deadline, string? DraftBody);

/// <summary>
/// 并案办理: the Office links related lead items (the seed handled four charging proposals together). They share
/// research and a draft; each keeps its own number, deadline, letter and evaluation.
/// </summary>
public sealed class JointHandlingService(IDbContextFactory<PortalDbContext> dbFactory, WorkflowContextFactory contexts,
    ISupervisionNotifier notifier)
{
    /// <summary>Links the items into one group (joining an existing group when one of them has one). All or nothing.</summary>
    public async Task<Result> LinkAsync(IReadOnlyCollection<int> ids, Actor actor, CancellationToken cancellationToken = default)
    {
        if (ids.Distinct().Count() < 2)
        {
            return Result.Refused("并案办理至少需要两件");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var items = await ProposalService.WithEverything(db.Proposals).Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        if (items.Count != ids.Distinct().Count())
        {
            return Result.Refused("找不到其中的部分件");
        }

        if (items.Select(p => p.Year).Distinct().Count() > 1)
        {
            return Result.Refused("只能将同一年度的件并案办理");
        }

        var groups = items.Where(p => p.JointGroupId is not null).Select(p => p.JointGroupId!.Value).Distinct().ToList();
        if (groups.Count > 1)
        {
            return Result.Refused("所选件分属不同的并案组，请先取消其中一组");
        }

        var group = groups.SingleOrDefault(items.Min(p => p.Id));
        var context = await contexts.CreateAsync(cancellationToken);
        var names = string.Join("、", items.OrderBy(p => p.Id).Select(p => $"第{p.Number}号"));
        foreach (var item in items.Where(p => p.JointGroupId != group))
        {
            var result = item.JoinGroup(actor, group, $"与{names}并案办理", context);
            if (!result.IsOk)
            {
                // Nothing is saved: the context is discarded with every change made so far.
                return Result.Refused($"{item.Designation}：{result.Error}");
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Refused("其中有件刚刚被他人修改，请刷新后重试");
        }

        await notifier.PublishAsync(Changed(items, $"{actor.Name}并案办理：{names}", context.Now), CancellationToken.None);
        return Result.Ok;
    }

    /// <summary>Takes one item out of its group.</summary>
    public async Task<Result> UnlinkAsync(int id, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var item = await ProposalService.WithEverything(db.Proposals).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (item is null)
        {
            return Result.Refused("找不到该件");
        }

        var group = item.JointGroupId;
        var context = await contexts.CreateAsync(cancellationToken);
        var result = item.JoinGroup(actor, null, null, context);
        if (!result.IsOk)
        {
            return result;
        }

        // A group of one is no group: the last remaining item leaves it too.
        var rest = await ProposalService.WithEverything(db.Proposals)
            .Where(p => p.JointGroupId == group && p.Id != id).ToListAsync(cancellationToken);
        if (rest.Count == 1)
        {
            rest[0].JoinGroup(actor, null, null, context);
        }

        await db.SaveChangesAsync(cancellationToken);
        await notifier.PublishAsync(Changed([item, .. rest.Take(rest.Count == 1 ? 1 : 0)], $"{actor.Name}取消并案办理：{item.Designation}", context.Now),
            CancellationToken.None);
        return result;
    }

    private static SupervisionChange Changed(IReadOnlyCollection<Proposal> items, string summary, DateTimeOffset at) =>
        new(SupervisionChangeKind.Step, items.Select(p => p.Id).ToList(),
            items.Select(p => p.Responsibility?.SectionId).OfType<int>().Distinct().ToList(), at, summary, []);

    /// <summary>The other items of the item's group, with their current drafts to share.</summary>
    public async Task<IReadOnlyList<JointItem>> OthersAsync(Proposal proposal, CancellationToken cancellationToken = default)
    {
        if (proposal.JointGroupId is not { } group)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var others = await db.Proposals.AsNoTracking()
            .Where(p => p.JointGroupId == group && p.Id != proposal.Id)
            .Include(p => p.Proposers).Include(p => p.Replies)
            .AsSplitQuery()
            .OrderBy(p => p.Number)
            .ToListAsync(cancellationToken);
        return others.Select(p => new JointItem(p.Id, p.Designation, p.Title, p.LeadProposer.Name, p.State, p.Deadline,
            p.CurrentReply?.Body)).ToList();
    }
}
