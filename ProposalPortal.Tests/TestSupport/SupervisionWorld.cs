using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// A small bureau in an empty test portal: two sections with one handler each, a deputy and the Office; items are
/// registered and started through the real <see cref="ProposalService"/>, with the deadline the test chooses.
/// </summary>
public sealed class SupervisionWorld
{
    private SupervisionWorld(TestPortal portal) => Portal = portal;

    public TestPortal Portal { get; }
    public Actor Office { get; private set; } = null!;
    public Actor Deputy { get; private set; } = null!;
    public Actor Planning { get; private set; } = null!;
    public Actor Prices { get; private set; } = null!;
    private StaffMember _deputy = null!;
    private readonly Dictionary<int, (Section Section, StaffMember Handler)> _sections = [];

    public static async Task<SupervisionWorld> CreateAsync(TestPortal portal)
    {
        var world = new SupervisionWorld(portal);
        await using var db = portal.Db();
        var deputy = new StaffMember("朱二", StaffRoles.DeputyDirector);
        var office = new StaffMember("尤四", StaffRoles.Office);
        db.Staff.AddRange(deputy, office);
        await db.SaveChangesAsync();
        var planning = new Section("发展规划科", deputy.Id);
        var prices = new Section("价格管理科", deputy.Id);
        db.Sections.AddRange(planning, prices);
        await db.SaveChangesAsync();
        var heliu = new StaffMember("何六", StaffRoles.SectionStaff, planning.Id);
        var shiba = new StaffMember("施八", StaffRoles.SectionStaff, prices.Id);
        db.Staff.AddRange(heliu, shiba);
        await db.SaveChangesAsync();

        world._deputy = deputy;
        world._sections[planning.Id] = (planning, heliu);
        world._sections[prices.Id] = (prices, shiba);
        world.Office = Actor.For(office, []);
        world.Deputy = Actor.For(deputy, [planning.Id, prices.Id]);
        world.Planning = Actor.For(heliu, []);
        world.Prices = Actor.For(shiba, []);
        return world;
    }

    /// <summary>Registers an item assigned on <paramref name="assignedOn"/>, sets 五定 to the handler's section and starts it.</summary>
    public async Task<int> StartedItemAsync(int number, DateOnly assignedOn, DateOnly? deadline = null, Actor? handler = null, bool key = false)
    {
        handler ??= Planning;
        var service = Portal.Scoped<ProposalService>();
        var (proposal, result) = await service.RegisterAsync(new ProposalRegistration(
            assignedOn.Year, ProposalKind.Proposal, Level.City, "市政协十届一次会议", number, $"测试提案{number}", "正文",
            [new Proposer("张三", "138-0000-0001")], ["数字经济"], assignedOn, HandlingRole.Lead, IsKey: key,
            ExplicitDeadline: deadline), Office);
        Assert.True(result.IsOk, result.Error);
        var (section, member) = _sections[handler.SectionId!.Value];
        await StepAsync(proposal!.Id, Office, (p, c) => p.Accept(Office, c));
        await StepAsync(proposal.Id, Office, (p, c) => p.SetResponsibility(Office, _deputy, section, member, null, c));
        await StepAsync(proposal.Id, Office, (p, c) => p.StartHandling(Office, c));
        return proposal.Id;
    }

    public async Task StepAsync(int id, Actor actor, Func<Proposal, WorkflowContext, Result> step)
    {
        var service = Portal.Scoped<ProposalService>();
        var current = await service.FindAsync(id, Office);
        var result = await service.ExecuteAsync(id, current!.Version, actor, step);
        Assert.True(result.IsOk, result.Error);
    }

    public async Task<Proposal> ItemAsync(int id) => (await Portal.Scoped<ProposalService>().FindAsync(id, Office))!;
}
