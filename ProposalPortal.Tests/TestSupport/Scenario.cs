using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// The people a test needs, saved in an empty <see cref="TestPortal"/>: a section with its 分管副局长 and handler,
/// the 局长, the 办公室 and the 系统管理员 (the portal's first one), and a second section whose handler is a stranger to the first one's items.
/// Items are registered and driven through the real <see cref="ProposalService"/> to the state a test asks for, so
/// a test names nobody from the demo data and the demo data is free to change. (It is the one way to build a world:
/// the supervision tests' own builder was folded into it, see <see cref="StartedItemAsync"/>.)
/// </summary>
/// <example><code>
/// var scenario = await Scenario.CreateAsync(portal);
/// var item = await scenario.ItemAsync(ProposalState.InProgress);
/// var result = await store.AddAsync(item.Id, item.Version, scenario.Handler, …);
/// </code></example>
public sealed class Scenario
{
    /// <summary>The password of the accounts <see cref="AccountAsync"/> makes.</summary>
    public const string AccountPassword = "Scenario@2026x";

    /// <summary>The session the scenario's items are registered in.</summary>
    public const string Session = "测试会议";

    private readonly Dictionary<int, StaffMember> _members = [];
    private int _nextNumber = 1;

    private Scenario(TestPortal portal) => Portal = portal;

    public TestPortal Portal { get; }

    /// <summary>The section that handles the scenario's items.</summary>
    public Section Section { get; private set; } = null!;

    /// <summary>Another section, with its own handler: for "someone else may not" checks.</summary>
    public Section OtherSection { get; private set; } = null!;

    public Actor Director { get; private set; } = null!;

    /// <summary>The 分管副局长 of <see cref="Section"/>.</summary>
    public Actor Deputy { get; private set; } = null!;

    /// <summary>The 分管副局长 of <see cref="OtherSection"/>.</summary>
    public Actor OtherDeputy { get; private set; } = null!;

    public Actor Office { get; private set; } = null!;

    public Actor Admin { get; private set; } = null!;

    /// <summary>The 科室人员 of <see cref="Section"/> who handles its items.</summary>
    public Actor Handler { get; private set; } = null!;

    /// <summary>The 科室人员 of <see cref="OtherSection"/>.</summary>
    public Actor OtherHandler { get; private set; } = null!;

    public static async Task<Scenario> CreateAsync(TestPortal portal)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var scenario = new Scenario(portal);
        await using var db = portal.Db();
        var director = new StaffMember("马局长", StaffRoles.Director);
        var deputy = new StaffMember("牛副局长", StaffRoles.DeputyDirector);
        var otherDeputy = new StaffMember("羊副局长", StaffRoles.DeputyDirector);
        var office = new StaffMember("鹿文书", StaffRoles.Office);
        // An empty portal already has its first administrator (AccountSeeder): the scenario's admin is that person, so
        // that "the only administrator" stays true.
        var admin = (await db.Staff.ToListAsync()).FirstOrDefault(s => s.Has(StaffRoles.Admin)) ?? new StaffMember("鹤管理员", StaffRoles.Admin);
        db.Staff.AddRange(new[] { director, deputy, otherDeputy, office, admin }.Where(m => m.Id == 0));
        await db.SaveChangesAsync();
        var section = new Section("测试一科", deputy.Id);
        var otherSection = new Section("测试二科", otherDeputy.Id);
        db.Sections.AddRange(section, otherSection);
        await db.SaveChangesAsync();
        var handler = new StaffMember("韩承办", StaffRoles.SectionStaff, section.Id);
        var otherHandler = new StaffMember("林承办", StaffRoles.SectionStaff, otherSection.Id);
        db.Staff.AddRange(handler, otherHandler);
        await db.SaveChangesAsync();

        foreach (var member in new[] { director, deputy, otherDeputy, office, admin, handler, otherHandler })
        {
            scenario._members[member.Id] = member;
        }

        scenario.Section = section;
        scenario.OtherSection = otherSection;
        scenario.Director = Actor.For(director, []);
        scenario.Deputy = Actor.For(deputy, [section.Id]);
        scenario.OtherDeputy = Actor.For(otherDeputy, [otherSection.Id]);
        scenario.Office = Actor.For(office, []);
        scenario.Admin = Actor.For(admin, []);
        scenario.Handler = Actor.For(handler, []);
        scenario.OtherHandler = Actor.For(otherHandler, []);
        return scenario;
    }

    /// <summary>
    /// A proposal of <see cref="Section"/>, assigned <paramref name="daysAgo"/> days before the portal's today and
    /// driven to <paramref name="state"/>; every step must succeed. Proposed by 提案人甲 alone unless
    /// <paramref name="proposers"/> names them.
    /// </summary>
    public Task<Proposal> ItemAsync(ProposalState state = ProposalState.InProgress, int daysAgo = 10, bool key = false,
        IReadOnlyList<Proposer>? proposers = null) => TitledItemAsync(null, state, daysAgo, key, proposers);

    /// <summary>
    /// As <see cref="ItemAsync(ProposalState, int, bool, IReadOnlyList{Proposer})"/>, titled <paramref name="title"/>
    /// (关于测试事项N的提案 when null): for tests that search or show titles. A 市政协 proposal unless <paramref name="kind"/>
    /// and <paramref name="level"/> say otherwise (for figures by source).
    /// </summary>
    public async Task<Proposal> TitledItemAsync(string? title, ProposalState state = ProposalState.InProgress, int daysAgo = 10,
        bool key = false, IReadOnlyList<Proposer>? proposers = null, ProposalKind kind = ProposalKind.Proposal, Level level = Level.City)
    {
        var number = _nextNumber++;
        var assignedOn = Portal.Clock.Today.AddDays(-daysAgo);
        var (proposal, registered) = await Portal.Scoped<ProposalService>().RegisterAsync(new ProposalRegistration(
            assignedOn.Year, kind, level, Session, number, title ?? $"关于测试事项{number}的提案", "正文",
            proposers ?? [new Proposer("提案人甲", "138-0000-0001")], ["测试主题"], assignedOn, HandlingRole.Lead, IsKey: key), Office);
        Assert.True(registered.IsOk, registered.Error);
        var id = proposal!.Id;
        foreach (var (actor, step) in StepsTo(state, key))
        {
            await StepAsync(id, actor, step);
        }

        return (await Portal.Scoped<ProposalService>().FindAsync(id, Office))!;
    }

    /// <summary>Takes one step through the workflow, as <paramref name="actor"/>; it must succeed.</summary>
    public async Task StepAsync(int id, Actor actor, Func<Proposal, WorkflowContext, Result> step)
    {
        var service = Portal.Scoped<ProposalService>();
        var current = await service.FindAsync(id, Office);
        var result = await service.ExecuteAsync(id, current!.Version, actor, step);
        Assert.True(result.IsOk, $"scenario step refused: {result.Error}");
    }

    /// <summary>
    /// Registers item <paramref name="number"/> of <see cref="Session"/>, assigned on <paramref name="assignedOn"/> (with an
    /// explicit deadline when given), sets 五定 to <paramref name="handler"/>'s section (<see cref="Handler"/> by default,
    /// or <see cref="OtherHandler"/>) and starts it, logging no communication: for tests that place items on a calendar.
    /// Numbers given here are not used again by <see cref="ItemAsync(ProposalState, int, bool, IReadOnlyList{Proposer})"/>.
    /// </summary>
    public async Task<int> StartedItemAsync(int number, DateOnly assignedOn, DateOnly? deadline = null, Actor? handler = null, bool key = false)
    {
        handler ??= Handler;
        _nextNumber = Math.Max(_nextNumber, number + 1);
        var (proposal, registered) = await Portal.Scoped<ProposalService>().RegisterAsync(new ProposalRegistration(
            assignedOn.Year, ProposalKind.Proposal, Level.City, Session, number, $"关于测试事项{number}的提案", "正文",
            [new Proposer("提案人甲", "138-0000-0001")], ["测试主题"], assignedOn, HandlingRole.Lead, IsKey: key,
            ExplicitDeadline: deadline), Office);
        Assert.True(registered.IsOk, registered.Error);
        var (deputy, section) = handler.SectionId == OtherSection.Id ? (OtherDeputy, OtherSection) : (Deputy, Section);
        await StepAsync(proposal!.Id, Office, (p, c) => p.Accept(Office, c));
        await StepAsync(proposal.Id, Office, (p, c) => p.SetResponsibility(Office, Member(deputy), section, Member(handler), null, c));
        return proposal.Id;
    }

    /// <summary>
    /// A proposal of <see cref="Section"/> signed off by <see cref="Director"/> through the real sign-off (the year's next
    /// document number and the stored, signed letter), then driven on to <paramref name="state"/> (<see cref="ProposalState.Replied"/>,
    /// <see cref="ProposalState.Evaluated"/> or <see cref="ProposalState.Closed"/>), published when <paramref name="published"/>,
    /// titled <paramref name="title"/>, of <paramref name="kind"/> and <paramref name="level"/> (as <see cref="TitledItemAsync"/>).
    /// </summary>
    public async Task<Proposal> SignedItemAsync(ProposalState state = ProposalState.Replied, int daysAgo = 10, bool key = false,
        IReadOnlyList<Proposer>? proposers = null, bool published = false, Satisfaction satisfaction = Satisfaction.Satisfied,
        string? title = null, ProposalKind kind = ProposalKind.Proposal, Level level = Level.City)
    {
        var item = await TitledItemAsync(title, ProposalState.AwaitingSignOff, daysAgo, key, proposers, kind, level);
        var signed = await Portal.Scoped<ProposalPortal.Features.Proposals.UseCases.UseCase<ProposalPortal.Features.Proposals.UseCases.SignOff>>()
            .HandleAsync(new ProposalPortal.Features.Proposals.UseCases.SignOff(item.Id, item.Version), Director);
        Assert.True(signed.IsOk, $"scenario sign-off refused: {signed.Error}");
        if (published)
        {
            await StepAsync(item.Id, Office, (p, c) => p.Publish(Office, c));
        }

        if (state is ProposalState.Evaluated or ProposalState.Closed)
        {
            await StepAsync(item.Id, Office, (p, c) => p.RecordEvaluation(Office, satisfaction, null, enteredByStaff: true, c));
            // Every other proposer answers too: a lead item closes only when all have (or the window has passed).
            foreach (var other in item.Proposers.Where(p => p.Id != item.LeadProposer.Id).Select(p => p.Id))
            {
                await StepAsync(item.Id, Office, (p, c) => p.RecordEvaluation(Office, satisfaction, null, enteredByStaff: true, c, other));
            }
        }

        if (state == ProposalState.Closed)
        {
            await StepAsync(item.Id, Office, (p, c) => p.Close(Office, null, c));
        }

        return await FindAsync(item.Id);
    }

    /// <summary>
    /// An item <see cref="Section"/> assists with (协办, led by <paramref name="leadUnit"/>), assigned <paramref name="daysAgo"/>
    /// days before today and driven to <see cref="ProposalState.InProgress"/>, <see cref="ProposalState.OpinionSent"/> (its
    /// opinion sent to the lead unit) or <see cref="ProposalState.Closed"/>.
    /// </summary>
    public async Task<Proposal> AssistingItemAsync(ProposalState state = ProposalState.OpinionSent, int daysAgo = 10,
        string leadUnit = "市住房和城乡建设局", ProposalKind kind = ProposalKind.Proposal, Level level = Level.City)
    {
        var number = _nextNumber++;
        var assignedOn = Portal.Clock.Today.AddDays(-daysAgo);
        var title = $"关于测试事项{number}的{kind.ShortName()}";
        var (proposal, registered) = await Portal.Scoped<ProposalService>().RegisterAsync(new ProposalRegistration(
            assignedOn.Year, kind, level, Session, number, title, "正文",
            [new Proposer("提案人甲", "138-0000-0001")], [], assignedOn, HandlingRole.Assisting, leadUnit), Office);
        Assert.True(registered.IsOk, registered.Error);
        var id = proposal!.Id;
        await StepAsync(id, Office, (p, c) => p.Accept(Office, c));
        // 五定 complete: handling starts at once.
        await StepAsync(id, Office, (p, c) => p.SetResponsibility(Office, Member(Deputy), Section, Member(Handler), null, c));
        if (state is ProposalState.OpinionSent or ProposalState.Closed)
        {
            await StepAsync(id, Handler, (p, c) => p.SendOpinion(Handler, $"关于《{title}》的协办意见：将相关项目纳入年度计划统筹推进。", c));
        }

        if (state == ProposalState.Closed)
        {
            await StepAsync(id, Office, (p, c) => p.Close(Office, "主办单位已答复提出人", c));
        }

        return await FindAsync(id);
    }

    /// <summary>
    /// An entry of the 代表委员库 with its contacts, added by <see cref="Office"/>: the proposer lines of items registered
    /// afterwards under this name (and body) link to it.
    /// </summary>
    public async Task<int> RegisteredProposerAsync(ProposalPortal.Domain.Proposers.ProposerDetails details)
    {
        var added = await Portal.Scoped<ProposalPortal.Features.Proposers.ProposerRegistry>().AddAsync(Office, details);
        Assert.True(added.IsOk, added.Error);
        return added.Value;
    }

    /// <summary>Another 科室人员, named <paramref name="name"/>, of <paramref name="section"/> (<see cref="Section"/> or <see cref="OtherSection"/>).</summary>
    public async Task<Actor> HandlerAsync(string name, Section section)
    {
        ArgumentNullException.ThrowIfNull(section);
        await using var db = Portal.Db();
        var member = new StaffMember(name, StaffRoles.SectionStaff, section.Id);
        db.Staff.Add(member);
        await db.SaveChangesAsync();
        _members[member.Id] = member;
        return Actor.For(member, []);
    }

    /// <summary>
    /// Has <see cref="Admin"/> change the first password the portal was installed with, as the first sign-in requires:
    /// until then the account may do nothing else (CurrentActor reads nobody), so an administration page shows nothing.
    /// For tests that sign the administrator in to such a page. With <paramref name="password"/>, the account's password
    /// becomes that one (as the first sign-in would make it), so that the administrator signs in like the scenario's other people.
    /// </summary>
    public async Task<Actor> AdminPastFirstSignInAsync(string? password = null)
    {
        await using (var db = Portal.Db())
        {
            foreach (var account in await db.Users.Where(u => u.StaffMemberId == Admin.StaffId && u.MustChangePassword).ToListAsync())
            {
                account.MustChangePassword = false;
            }

            await db.SaveChangesAsync();
        }

        if (password is not null)
        {
            var users = Portal.Scoped<Microsoft.AspNetCore.Identity.UserManager<ProposalPortal.Features.Account.PortalUser>>();
            foreach (var account in users.Users.Where(u => u.StaffMemberId == Admin.StaffId).ToList())
            {
                var removed = await users.RemovePasswordAsync(account);
                var changed = removed.Succeeded ? await users.AddPasswordAsync(account, password) : removed;
                Assert.True(changed.Succeeded, string.Join("；", changed.Errors.Select(e => e.Description)));
            }
        }

        return Admin;
    }

    /// <summary>
    /// Gives <paramref name="person"/> a sign-in account named <paramref name="userName"/>, past its first password change,
    /// made directly through the user store (no administrator's record): for tests of what happens to an account.
    /// </summary>
    public async Task AccountAsync(Actor person, string userName)
    {
        ArgumentNullException.ThrowIfNull(person);
        var users = Portal.Scoped<Microsoft.AspNetCore.Identity.UserManager<ProposalPortal.Features.Account.PortalUser>>();
        var created = await users.CreateAsync(new ProposalPortal.Features.Account.PortalUser { UserName = userName, StaffMemberId = person.StaffId }, AccountPassword);
        Assert.True(created.Succeeded, string.Join("；", created.Errors.Select(e => e.Description)));
    }

    /// <summary>The item as it is now, read through <see cref="ProposalService"/>.</summary>
    public async Task<Proposal> FindAsync(int id) => (await Portal.Scoped<ProposalService>().FindAsync(id, Office))!;

    /// <summary>The staff record behind one of the scenario's people, for steps that take a person (五定).</summary>
    public StaffMember Member(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return _members[actor.StaffId];
    }

    private IEnumerable<(Actor Actor, Func<Proposal, WorkflowContext, Result> Step)> StepsTo(ProposalState target, bool key)
    {
        if (target == ProposalState.Registered)
        {
            yield break;
        }

        yield return (Office, (p, c) => p.Accept(Office, c));
        if (target == ProposalState.Accepted)
        {
            yield break;
        }

        if (target is ProposalState.ReturnRequested or ProposalState.Returned)
        {
            yield return (Office, (p, c) => p.RequestReturn(Office, "不属于本局职能", c));
            if (target == ProposalState.Returned)
            {
                yield return (Office, (p, c) => p.ApproveReturn(Office, null, c));
            }

            yield break;
        }

        var deputy = _members[Deputy.StaffId];
        var handler = _members[Handler.StaffId];
        yield return (Office, (p, c) => p.SetResponsibility(Office, deputy, Section, handler, null, c));
        yield return (Handler, (p, c) => p.LogCommunication(Handler, CommunicationStage.Before, CommunicationMethod.Phone, c.Today,
            "提案人甲", "电话了解诉求", c));
        if (key)
        {
            // A key item is discussed face to face before its reply goes up.
            yield return (Handler, (p, c) => p.LogCommunication(Handler, CommunicationStage.During, CommunicationMethod.FaceToFace, c.Today,
                "提案人甲", "面商初步意见", c));
        }

        if (target == ProposalState.InProgress)
        {
            yield break;
        }

        yield return (Handler, (p, c) => p.SaveDraft(Handler, ProposalBuilder.Draft(), c));
        if (target == ProposalState.Drafted)
        {
            yield break;
        }

        yield return (Handler, (p, c) => p.SubmitForReview(Handler, c));
        if (target == ProposalState.UnderReview)
        {
            yield break;
        }

        yield return (Deputy, (p, c) => p.ApproveReview(Deputy, null, c));
        if (target == ProposalState.AwaitingSignOff)
        {
            yield break;
        }

        // Signed off in the workflow alone (no letter is stored): the item's id is the number's serial, so numbers differ.
        yield return (Director, (p, c) => p.SignOff(Director, new DocumentNumber("测试复", c.Today.Year, p.Id), c));
        if (target == ProposalState.Replied)
        {
            yield break;
        }

        yield return (Office, (p, c) => p.RecordEvaluation(Office, Satisfaction.Satisfied, null, enteredByStaff: true, c));
        if (target == ProposalState.Evaluated)
        {
            yield break;
        }

        yield return (Office, (p, c) => p.Close(Office, null, c));
        if (target == ProposalState.Closed)
        {
            yield break;
        }

        throw new NotSupportedException($"Scenario does not reach {target} yet: add its steps here.");
    }
}
