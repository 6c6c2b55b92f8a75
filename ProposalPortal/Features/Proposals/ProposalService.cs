using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Supervision;

namespace ProposalPortal.Features.Proposals;

/// <summary>
/// Loads an item, lets the domain take one step on it, and saves it, refusing the save when someone else changed
/// the item in between. The engine under the use cases (<see cref="UseCases"/>): pages, endpoints, jobs and tests call
/// a use case's handler, which names its step and runs it here, so the version check, the save, the refusal of a
/// concurrent change and the domain events stay in one place.
/// </summary>
public sealed class ProposalService(
    IDbContextFactory<PortalDbContext> dbFactory,
    WorkflowContextFactory contexts,
    IOptions<PortalOptions> portal,
    ISupervisionNotifier notifier,
    ReplyLetterService letters,
    Publication.EvaluationLinks evaluationLinks,
    OfficialForms forms)
{
    private const int NumberAllocationAttempts = 8;

    /// <summary>Loads the whole item for someone allowed to see it; null when it does not exist or is not theirs.</summary>
    public async Task<Proposal?> FindAsync(int id, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var proposal = await LoadAsync(db.Proposals.AsNoTracking(), id, cancellationToken);
        return proposal is not null && ProposalWorkflow.CanView(proposal, actor) ? proposal : null;
    }

    /// <summary>Registers an item by hand (the import registers many the same way, through <see cref="RegisterManyAsync"/>).</summary>
    public async Task<(Proposal? Proposal, Result Result)> RegisterAsync(ProposalRegistration registration, Actor actor,
        CancellationToken cancellationToken = default)
    {
        var (proposals, result) = await RegisterManyAsync([registration], actor, cancellationToken);
        return (proposals.Count > 0 ? proposals[0] : null, result);
    }

    /// <summary>
    /// Registers items in one transaction: all of them, or (when one number is taken, also by someone racing us)
    /// none. Deadlines are computed by the rules unless the registration carries an explicit 办理时限.
    /// </summary>
    public Task<(IReadOnlyList<Proposal> Proposals, Result Result)> RegisterManyAsync(
        IReadOnlyList<ProposalRegistration> registrations, Actor actor, CancellationToken cancellationToken = default) =>
        RegisterManyAsync(registrations, actor, null, cancellationToken);

    /// <summary>
    /// Registers items as <see cref="RegisterManyAsync(IReadOnlyList{ProposalRegistration}, Actor, CancellationToken)"/>;
    /// <paramref name="thenEach"/> takes a step on each new item (by its index) in the same transaction, such as the 五定
    /// an import brings: one refusal saves nothing.
    /// </summary>
    public async Task<(IReadOnlyList<Proposal> Proposals, Result Result)> RegisterManyAsync(
        IReadOnlyList<ProposalRegistration> registrations, Actor actor, Func<int, Proposal, WorkflowContext, Result>? thenEach,
        CancellationToken cancellationToken = default)
    {
        if (!actor.Has(StaffRoles.Office))
        {
            return ([], Result.Refused("只有办公室可以登记建议提案"));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sessions = registrations.Select(r => r.Session.Trim()).Distinct().ToList();
        var taken = (await db.Proposals.Where(p => sessions.Contains(p.Session)).Select(p => new { p.Session, p.Number })
            .ToListAsync(cancellationToken)).Select(p => (p.Session, p.Number)).ToHashSet();
        var duplicate = registrations.FirstOrDefault(r => taken.Contains((r.Session.Trim(), r.Number)));
        if (duplicate is not null)
        {
            return ([], Result.Refused($"{duplicate.Session}第{duplicate.Number}号已经登记过"));
        }

        var context = await contexts.CreateAsync(cancellationToken);
        var proposals = registrations.Select(r => Proposal.Register(r, actor, context)).ToList();
        await Proposers.ProposerLinks.LinkAsync(db, proposals, cancellationToken);
        for (var i = 0; thenEach is not null && i < proposals.Count; i++)
        {
            if (thenEach(i, proposals[i], context) is { IsOk: false } refused)
            {
                return ([], Result.Refused($"{proposals[i].Designation}：{refused.Error}"));
            }
        }

        db.Proposals.AddRange(proposals);
        try
        {
            // One SaveChanges is one transaction: a failure leaves nothing behind.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return ([], Result.Refused("保存未成功：其中有编号刚刚已被他人登记，请重新预览后再导入"));
        }
        catch (TextRefusedException e)
        {
            return ([], Result.Refused(e.Message));
        }

        // An import is one change for the boards, however many rows it brought.
        await notifier.PublishAsync(new SupervisionChange(SupervisionChangeKind.Registration, proposals.Select(p => p.Id).ToList(), [],
            context.Now, proposals.Count == 1 ? $"{actor.Name}登记{proposals[0].Designation}" : $"{actor.Name}导入{proposals.Count}件建议提案", []),
            CancellationToken.None);
        return (proposals, Result.Ok);
    }

    /// <summary>
    /// Takes one workflow step, for a use case's handler. <paramref name="expectedVersion"/> is the version the user was looking at:
    /// when someone saved in between, the step is refused and nothing is saved.
    /// </summary>
    internal Task<Result> ExecuteAsync(int id, int expectedVersion, Actor actor,
        Func<Proposal, WorkflowContext, Result> step, CancellationToken cancellationToken = default) =>
        RunAsync(id, expectedVersion, actor, (_, proposal, context) => Task.FromResult(step(proposal, context)), cancellationToken);

    /// <summary>
    /// Takes one workflow step that must look something up in the same context first (say, whether a number is taken);
    /// otherwise as <see cref="ExecuteAsync(int, int, Actor, Func{Proposal, WorkflowContext, Result}, CancellationToken)"/>.
    /// </summary>
    internal Task<Result> ExecuteAsync(int id, int expectedVersion, Actor actor,
        Func<PortalDbContext, Proposal, WorkflowContext, Task<Result>> step, CancellationToken cancellationToken = default) =>
        RunAsync(id, expectedVersion, actor, step, cancellationToken);

    /// <summary>
    /// A proposer's step through their personal evaluation link. They are no staff member: what lets them act on this
    /// item is being one of its proposers, which <see cref="ProposalWorkflow"/> checks again. Their answer does not
    /// depend on a version they looked at, so none is expected; a save racing another change is still refused.
    /// </summary>
    internal Task<Result> ExecuteForProposerAsync(int id, Actor proposer, Func<Proposal, WorkflowContext, Result> step,
        CancellationToken cancellationToken = default)
    {
        if (proposer.ProposerId is null)
        {
            throw new ArgumentException("Not a proposer", nameof(proposer));
        }

        return RunAsync(id, null, proposer, (_, proposal, context) => Task.FromResult(step(proposal, context)), cancellationToken);
    }

    /// <summary>
    /// 签发: allocates the next document number of the year (no gaps, no repeats, also when two sign-offs race:
    /// the unique index refuses the second and it retries with the next number), renders the letter with that
    /// number, signs it with the bureau's certificate and stores it as the item's next letter version, all in one
    /// save. A letter with characters the fonts lack is refused before anything changes.
    /// </summary>
    internal async Task<Result> SignOffAsync(int id, int expectedVersion, Actor actor, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunAsync(id, expectedVersion, actor, async (db, proposal, context) =>
                {
                    var year = context.Today.Year;
                    int last;
                    using (SignOffTrace.Phase("number"))
                    {
                        last = await db.Set<Reply>().Where(r => r.DocumentYear == year)
                            .MaxAsync(r => r.DocumentSerial, cancellationToken) ?? 0;
                    }

                    var number = new DocumentNumber(portal.Value.ReplyNumberPrefix, year, last + 1);
                    if (ProposalWorkflow.WhyNot(proposal, WorkflowStep.SignOff, actor, context) is { } why)
                    {
                        return Result.Refused(why);
                    }

                    using (SignOffTrace.Phase("font check"))
                    {
                        if (proposal.CurrentReply is { } draft && letters.WhyNotIssuable(proposal, draft, number, context.Today) is { } unprintable)
                        {
                            return Result.Refused(unprintable);
                        }
                    }

                    var result = proposal.SignOff(actor, number, context);
                    if (result.IsOk)
                    {
                        var reply = proposal.CurrentReply!;
                        int version;
                        using (SignOffTrace.Phase("evaluation links"))
                        {
                            version = await db.ReplyDocuments.CountAsync(d => d.ProposalId == proposal.Id, cancellationToken) + 1;
                            // 征询意见 links are made in this same transaction, one per proposer. They go on each proposer's own
                            // 征询意见表, never on the letter, which is published and downloaded by others.
                            await evaluationLinks.ForIssueAsync(db, proposal, reply, reply.IssuedOn!.Value, context.Deadlines, cancellationToken);
                        }

                        // The 签批单 is filed with the letter, as the trail stands in this save (签发 included); it is set
                        // while the letter is rendered and signed, and both are stored in this one save.
                        var filing = await forms.StartFilingApprovalAsync(db, proposal, reply.Id, version, cancellationToken);
                        var document = letters.Issue(proposal, actor, version);
                        db.ReplyDocuments.Add(document);
                        using (SignOffTrace.Phase("approval form: wait after the letter"))
                        {
                            db.ApprovalForms.Add(await filing);
                        }

                        proposal.RecordLetterIssued(actor, document, context);
                    }

                    return result;
                }, cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < NumberAllocationAttempts)
            {
                // Another sign-off took this number a moment ago: take the next one.
            }
        }
    }

    /// <summary>催办: records the chase on the item and leaves a notice for the handler, in one transaction.</summary>
    internal Task<Result> ChaseAsync(int id, int expectedVersion, Actor actor, string message, CancellationToken cancellationToken = default) =>
        // The handler's notice is written from the Chased event (Features/Notices/ChaseNoticeHandler), in the same save.
        RunAsync(id, expectedVersion, actor, (_, proposal, context) => Task.FromResult(proposal.Chase(actor, message, context)), cancellationToken);

    /// <summary>Load, check visibility and version, run the step, save; a concurrent save is refused, not merged.</summary>
    private async Task<Result> RunAsync(int id, int? expectedVersion, Actor actor,
        Func<PortalDbContext, Proposal, WorkflowContext, Task<Result>> step, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Proposal? proposal;
        using (SignOffTrace.Phase("load"))
        {
            proposal = await LoadAsync(db.Proposals, id, cancellationToken);
        }

        var isItsProposer = actor.ProposerId is { } proposerId && proposal?.Proposers.Any(p => p.Id == proposerId) == true;
        if (proposal is null || !(ProposalWorkflow.CanView(proposal, actor) || isItsProposer))
        {
            return Result.Refused("找不到该件，或您无权处理该件");
        }

        if (expectedVersion is { } expected && proposal.Version != expected)
        {
            return await ConcurrentChangeAsync(db, id, cancellationToken);
        }

        var result = await step(db, proposal, await contexts.CreateAsync(cancellationToken));
        if (!result.IsOk)
        {
            return result;
        }

        try
        {
            using var saving = SignOffTrace.Phase("save");
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConcurrentChangeAsync(db, id, cancellationToken);
        }
        catch (TextRefusedException e)
        {
            // Too long or with control characters, whichever form or endpoint it came from: nothing was saved.
            return Result.Refused(e.Message);
        }

        // The boards hear of it from the item's events after the commit (DomainEventDispatcher).
        return result;
    }

    internal static IQueryable<Proposal> WithEverything(IQueryable<Proposal> query) => query
        .Include(p => p.Proposers)
        .Include(p => p.Topics)
        .Include(p => p.Communications)
        .Include(p => p.Replies)
        .Include(p => p.Commitments)
        .Include(p => p.Evaluations)
        .Include(p => p.Extensions)
        .Include(p => p.AuditTrail)
        .Include(p => p.Attachments)
        .Include(p => p.Chases)
        .AsSplitQuery();

    private static Task<Proposal?> LoadAsync(IQueryable<Proposal> query, int id, CancellationToken cancellationToken) =>
        WithEverything(query).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    private static async Task<Result> ConcurrentChangeAsync(PortalDbContext db, int id, CancellationToken cancellationToken)
    {
        var latest = await db.AuditEntries.AsNoTracking()
            .Where(a => a.ProposalId == id)
            .OrderByDescending(a => a.Id)
            .Select(a => new { a.ActorName, a.Action, a.At })
            .FirstOrDefaultAsync(cancellationToken);
        var who = latest is null ? "他人" : $"{latest.ActorName}（{latest.Action.ToChinese()}）";
        return Result.Refused($"保存未成功：该件刚刚已被{who}修改。您填写的内容仍保留在本页，请刷新查看最新情况后再提交。");
    }
}
