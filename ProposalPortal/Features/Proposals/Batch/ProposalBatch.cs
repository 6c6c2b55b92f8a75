using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals.UseCases;

namespace ProposalPortal.Features.Proposals.Batch;

/// <summary>What the Office can do to many items at once from the list.</summary>
public enum BatchAction
{
    Accept,
    SetResponsibility,
    Chase,
    Publish,
    Close,
}

/// <summary>
/// A batch as the Office asks for it: the action, either chosen item ids or "all matching" the list's filter, and what
/// the action needs (for 五定 the handler, whose section it is, and optionally the responsible leader; for 催办 the message).
/// </summary>
public sealed record BatchRequest(
    BatchAction Action,
    IReadOnlyCollection<int> Ids,
    bool AllMatching,
    ProposalQuery Filter,
    int? HandlerId = null,
    int? LeaderId = null,
    string? Message = null);

/// <summary>One item of a batch: how it is named, and the reason it was refused (null when done).</summary>
public sealed record BatchItem(int Id, string Designation, string Title, string? Reason);

/// <summary>What a batch did: the items done and the items refused, each with its reason in Chinese.</summary>
public sealed record BatchOutcome(BatchAction Action, IReadOnlyList<BatchItem> Done, IReadOnlyList<BatchItem> Refused);

/// <summary>
/// Runs one action over many items, each through the same use case (<see cref="UseCases"/>) as the single step on the
/// item page: the workflow checks each one, and a refusal of one leaves the others done. Who may run a batch is the
/// Office, read from the actor's current permissions; the items are those the actor may see, chosen by id or, for
/// "all N matching", by the list's own filter evaluated here, never by a list the browser sends.
/// </summary>
public sealed class ProposalBatch(
    IDbContextFactory<PortalDbContext> dbFactory,
    ProposalQueryService queries,
    UseCaseDispatcher useCases,
    Microsoft.Extensions.Options.IOptionsMonitor<BatchOptions> options)
{
    /// <summary>The message a 催办 carries when the Office writes none.</summary>
    public const string DefaultChaseMessage = "请抓紧办理，于办理时限前报送答复稿或协办意见。";

    public static string ToChinese(BatchAction action) => action switch
    {
        BatchAction.Accept => "签收",
        BatchAction.SetResponsibility => "落实五定",
        BatchAction.Chase => "催办",
        BatchAction.Publish => "公开",
        BatchAction.Close => "办结",
        _ => action.ToString(),
    };

    public async Task<Result<BatchOutcome>> RunAsync(BatchRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.Has(StaffRoles.Office))
        {
            return Result<BatchOutcome>.Refused("只有办公室可以批量办理", RefusalKind.NotAllowed);
        }

        if (!request.AllMatching && request.Ids.Count == 0)
        {
            return Result<BatchOutcome>.Refused("请先勾选要办理的件，或选择全部符合条件的件");
        }

        // Counted before anything is read or done: too many is refused whole, so nothing is half done.
        var max = options.CurrentValue.MaxItems;
        var count = request.AllMatching ? await MatchingCountAsync(request, actor, cancellationToken) : request.Ids.Distinct().Count();
        if (count > max)
        {
            return Result<BatchOutcome>.Refused($"一次批量办理最多{max}件，本次选择了{count}件，未办理任何一件。请缩小筛选范围后分批办理");
        }

        var command = await CommandMakerAsync(request, cancellationToken);
        if (!command.IsOk)
        {
            return Result<BatchOutcome>.Refused(command.Error!);
        }

        var targets = await TargetsAsync(request, actor, cancellationToken);
        var done = new List<BatchItem>();
        var refused = new List<BatchItem>();
        foreach (var id in request.AllMatching ? targets.Keys : request.Ids.Distinct())
        {
            if (!targets.TryGetValue(id, out var target))
            {
                // Not an item this actor may see (or none at all): named by its id only, so nothing leaks.
                refused.Add(new BatchItem(id, $"编号{id}", string.Empty, "找不到该件，或您无权处理该件"));
                continue;
            }

            var result = await useCases.RunAsync(command.Value!(target.Id, target.Version), actor, cancellationToken);
            var item = new BatchItem(target.Id, Proposal.DesignationOf(target.Session, target.Number, target.Kind), target.Title,
                result.IsOk ? null : result.Error);
            (result.IsOk ? done : refused).Add(item);
        }

        return Result<BatchOutcome>.Ok(new BatchOutcome(request.Action, done, refused));
    }

    private async Task<int> MatchingCountAsync(BatchRequest request, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await queries.Filtered(db, request.Filter, actor).CountAsync(cancellationToken);
    }

    private sealed record Target(int Id, int Version, string Session, int Number, ProposalKind Kind, string Title);

    /// <summary>
    /// The items the batch may touch, as they stand now (their version is the one each step expects: a change made
    /// between the read and the step is refused by the use case, not overwritten). "All matching" is the list's filter
    /// for this actor; chosen ids are kept only where the actor may see the item.
    /// </summary>
    private async Task<Dictionary<int, Target>> TargetsAsync(BatchRequest request, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var items = queries.Filtered(db, request.AllMatching ? request.Filter : new ProposalQuery(), actor);
        if (!request.AllMatching)
        {
            var ids = request.Ids.Distinct().ToList();
            items = items.Where(p => ids.Contains(p.Id));
        }

        var rows = await ProposalQueryService.Sorted(items, request.Filter.Sort)
            .Select(p => new Target(p.Id, p.Version, p.Session, p.Number, p.Kind, p.Title))
            .ToListAsync(cancellationToken);
        // Insertion order is the list's order, which the result then follows.
        var targets = new Dictionary<int, Target>();
        foreach (var row in rows)
        {
            targets[row.Id] = row;
        }

        return targets;
    }

    /// <summary>
    /// How each item's command is made; refused as a whole when what the action needs is missing (no handler for 五定),
    /// before any item is touched.
    /// </summary>
    private async Task<Result<Func<int, int, ICommand>>> CommandMakerAsync(BatchRequest request, CancellationToken cancellationToken)
    {
        switch (request.Action)
        {
            case BatchAction.Accept:
                return Result<Func<int, int, ICommand>>.Ok((id, version) => new Accept(id, version));
            case BatchAction.Publish:
                return Result<Func<int, int, ICommand>>.Ok((id, version) => new Publish(id, version));
            case BatchAction.Close:
                // No comment: an item still 不满意 needs the Office's own explanation, and is refused here with that reason.
                return Result<Func<int, int, ICommand>>.Ok((id, version) => new Close(id, version, null));
            case BatchAction.Chase:
                var message = string.IsNullOrWhiteSpace(request.Message) ? DefaultChaseMessage : request.Message.Trim();
                return Result<Func<int, int, ICommand>>.Ok((id, version) => new Chase(id, version, message));
            case BatchAction.SetResponsibility:
                await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
                {
                    var handler = request.HandlerId is { } h
                        ? await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == h && s.IsActive, cancellationToken)
                        : null;
                    if (handler is null || handler.SectionId is null || !handler.Has(StaffRoles.SectionStaff))
                    {
                        return Result<Func<int, int, ICommand>>.Refused("请选择承办人（承办科室即其所在科室）");
                    }

                    var section = await db.Sections.AsNoTracking().SingleAsync(s => s.Id == handler.SectionId, cancellationToken);
                    // The deputy in charge of the section is the usual responsible leader, as on the item page's 五定.
                    var leaderId = request.LeaderId ?? section.DeputyDirectorId;
                    var leader = leaderId is { } l
                        ? await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == l && s.IsActive, cancellationToken)
                        : null;
                    if (leader is null || !leader.IsLeader)
                    {
                        return Result<Func<int, int, ICommand>>.Refused(request.LeaderId is null
                            ? $"请选择责任领导（{section.Name}尚无分管副局长）"
                            : "请选择责任领导");
                    }

                    return Result<Func<int, int, ICommand>>.Ok((id, version) => new SetResponsibility(id, version, leader, section, handler, null));
                }

            default:
                return Result<Func<int, int, ICommand>>.Refused("未知的批量操作");
        }
    }
}
