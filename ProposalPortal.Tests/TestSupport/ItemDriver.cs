using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// Drives a new item of a section through the real services of a running app, for full-app tests that need an item in a
/// given state with text of their own. The actors are the accounts <see cref="Accounts"/> names: usually a
/// <see cref="ScenarioSite"/>'s people (<see cref="ScenarioSite.Driver"/>).
/// </summary>
public sealed class ItemDriver(IServiceProvider services, ItemDriver.Accounts accounts)
{
    private static int _number = 9000;

    private readonly Accounts _accounts = accounts;

    /// <summary>Who acts on the driven items: account names, and the name of the section that handles them.</summary>
    public sealed record Accounts(string Office, string Handler, string Deputy, string Director, string Section)
    {
        /// <summary>The demo data's people (尤四, 何六, 朱二, 杨一 of 发展规划科), for the tests that run on the demo data.</summary>
        public static readonly Accounts Demo = new("yousi", "heliu", "zhuer", "yangyi", "发展规划科");
    }

    public async Task<Actor> ActorAsync(string userName)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var staffId = await db.Users.Where(u => u.UserName == userName).Select(u => u.StaffMemberId).SingleAsync();
        var staff = await db.Staff.AsNoTracking().SingleAsync(s => s.Id == staffId);
        var overseen = await db.Sections.Where(s => s.DeputyDirectorId == staffId).Select(s => s.Id).ToListAsync();
        return Actor.For(staff, overseen);
    }

    public async Task<Proposal> LoadAsync(int id)
    {
        await using var scope = services.CreateAsyncScope();
        var proposals = scope.ServiceProvider.GetRequiredService<ProposalService>();
        return (await proposals.FindAsync(id, await ActorAsync(_accounts.Office)))!;
    }

    public async Task StepAsync(int id, string userName, Func<Actor, Proposal, WorkflowContext, Result> step)
    {
        var actor = await ActorAsync(userName);
        await using var scope = services.CreateAsyncScope();
        var proposals = scope.ServiceProvider.GetRequiredService<ProposalService>();
        var version = (await proposals.FindAsync(id, actor))!.Version;
        var result = await proposals.ExecuteAsync(id, version, actor, (p, c) => step(actor, p, c));
        Assert.True(result.IsOk, result.Error);
    }

    /// <summary>A signed reply letter (已答复), assigned a few weeks before the test clock's today.</summary>
    public async Task<int> RepliedAsync(string title, ReplyDraft draft, string phone = "138-0000-0999", string topic = "测试主题",
        string communication = "电话了解诉求", string reviewComment = "同意")
    {
        var number = Interlocked.Increment(ref _number);
        int id;
        await using (var scope = services.CreateAsyncScope())
        {
            var proposals = scope.ServiceProvider.GetRequiredService<ProposalService>();
            var clock = scope.ServiceProvider.GetRequiredService<ProposalPortal.Features.Common.PortalClock>();
            var (proposal, result) = await proposals.RegisterAsync(new ProposalRegistration(clock.Today.Year, ProposalKind.Proposal, Level.City,
                "市政协测试会议", number, title, "提案正文", [new Proposer("测试委员", phone, "某某单位"), new Proposer("附议委员", "138-0000-0998")],
                [topic], clock.Today.AddDays(-30), HandlingRole.Lead), await ActorAsync(_accounts.Office));
            Assert.True(result.IsOk, result.Error);
            id = proposal!.Id;
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var section = await db.Sections.AsNoTracking().SingleAsync(s => s.Name == _accounts.Section);
            var handlerId = (await ActorAsync(_accounts.Handler)).StaffId;
            var leaderId = (await ActorAsync(_accounts.Deputy)).StaffId;
            var handler = await db.Staff.AsNoTracking().SingleAsync(s => s.Id == handlerId);
            var leader = await db.Staff.AsNoTracking().SingleAsync(s => s.Id == leaderId);
            await StepAsync(id, _accounts.Office, (a, p, c) => p.Accept(a, c));
            await StepAsync(id, _accounts.Office, (a, p, c) => p.SetResponsibility(a, leader, section, handler, null, c));
        }

        await StepAsync(id, _accounts.Handler, (a, p, c) => p.LogCommunication(a, CommunicationStage.Before, CommunicationMethod.Phone,
            c.Today.AddDays(-1), "测试委员", communication, c));
        await StepAsync(id, _accounts.Handler, (a, p, c) => p.SaveDraft(a, draft, c));
        await StepAsync(id, _accounts.Handler, (a, p, c) => p.SubmitForReview(a, c));
        await StepAsync(id, _accounts.Deputy, (a, p, c) => p.ApproveReview(a, reviewComment, c));
        var director = await ActorAsync(_accounts.Director);
        await using (var scope = services.CreateAsyncScope())
        {
            var proposals = scope.ServiceProvider.GetRequiredService<ProposalService>();
            var version = (await proposals.FindAsync(id, director))!.Version;
            var signed = await proposals.SignOffAsync(id, version, director);
            Assert.True(signed.IsOk, signed.Error);
        }

        return id;
    }

    public static ReplyDraft Draft(string body, Disclosure disclosure = Disclosure.Publish, string? summary = null) =>
        new(ResultCategory.A, disclosure, disclosure == Disclosure.Publish ? null : "涉及个人信息", body,
            "联系单位：发展规划科\n联系电话：0878-0000000", "市人民政府办公室", summary);
}
