using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Data.Demo;

/// <summary>
/// The demo database: 2021 (smaller, so the year-over-year reads "more than doubled"), 2022 exactly as the seed
/// reports it, and a batch of the current year dated relative to today so that the boards look alive.
/// Every item is driven through the real workflow, so states, dates and audit trails are what the portal would
/// have recorded. Names of staff and of proposers the seed does not name are placeholders (刘一, 陈二, 张三 …)
/// and every phone number is an obviously invented 138-0000-xxxx.
/// </summary>
public sealed class DemoData(PortalDbContext db, DeadlineOptions deadlineOptions, WorkflowOptions workflowOptions,
    string replyNumberPrefix, TimeZoneInfo zone)
{
    private readonly List<Plan> _plans = [];
    private readonly Dictionary<Proposal, DocumentNumber> _numbers = [];
    private DeadlineCalculator _deadlines = null!;
    private WorkingDayCalendar _calendar = null!;
    private Demo _org = null!;
    private DateTimeOffset _now;

    /// <summary>
    /// Loads the demo data into an empty database. <paramref name="now"/>, the moment of loading, anchors the
    /// current-year batch (its local date is "today") and bounds every step's time.
    /// <paramref name="signLetter"/> makes the stored signed letter of a signed-off reply (version 1 of its item), as
    /// the director's sign-off does in the portal; without it the replies are signed off with no stored letter.
    /// </summary>
    public async Task SeedAsync(DateTimeOffset now, Func<Proposal, Reply, StaffMember, ReplyDocument>? signLetter = null,
        CancellationToken cancellationToken = default)
    {
        _now = now;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        _calendar = new WorkingDayCalendar(await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken));
        _deadlines = new DeadlineCalculator(deadlineOptions, _calendar);
        _org = await SeedOrganizationAsync(cancellationToken);

        Seed2021();
        Seed2022();
        SeedCurrentYear(today);
        // Every item's steps are planned first and run only now, so that the reply numbers of each year can follow the
        // dates of the sign-offs across items, as the portal allocates them, rather than the order items are written here.
        NumberSignOffsInDateOrder();
        foreach (var plan in _plans)
        {
            Execute(plan);
        }

        await db.SaveChangesAsync(cancellationToken);
        await SeedRegistryAsync(cancellationToken);
        if (signLetter is not null)
        {
            await SignLettersAsync(signLetter, cancellationToken);
        }
    }

    /// <summary>
    /// 代表委员库: one entry per demo proposer (a name in one body), with invented contacts, and every item's proposer
    /// lines linked to it. Only the registry and the links: no item, step or figure changes.
    /// </summary>
    private async Task SeedRegistryAsync(CancellationToken cancellationToken)
    {
        var lines = db.Proposals.Local.OrderBy(p => p.Id).SelectMany(p => p.Proposers.Select(x => (Proposal: p, Line: x))).ToList();
        var entries = new Dictionary<(string, Domain.Proposers.ProposerBody), Domain.Proposers.RegisteredProposer>();
        foreach (var (proposal, line) in lines)
        {
            var body = Domain.Proposers.ProposerNames.BodyOf(proposal.Kind);
            if (!entries.ContainsKey((line.Name, body)))
            {
                var serial = entries.Count + 1;
                entries[(line.Name, body)] = new Domain.Proposers.RegisteredProposer(new Domain.Proposers.ProposerDetails(
                    line.Name, body, proposal.Level == Level.City ? (body == Domain.Proposers.ProposerBody.Deputy ? "市十八届" : "市十届") : "州十一届",
                    line.Group, line.Unit, line.Phone, $"0878-300{serial:0000}", $"楚雄市鹿城镇演示路{serial}号", $"demo{serial:000}@example.cn"));
            }
        }

        db.RegisteredProposers.AddRange(entries.Values);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (proposal, line) in lines)
        {
            line.LinkToRegistry(entries[(line.Name, Domain.Proposers.ProposerNames.BodyOf(proposal.Kind))].Id);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>One item's steps and the day each is taken on.</summary>
    private sealed record Plan(Proposal Proposal, List<(string Name, Func<WorkflowContext, Result> Run)> Steps, List<DateOnly> Days)
    {
        public int SignOffStep => Steps.FindIndex(s => s.Name == "SignOff");
    }

    /// <summary>Per year 1, 2, 3 … in the order of the sign-offs' days and times (steps of a day run at 09:00, 09:01 …).</summary>
    private void NumberSignOffsInDateOrder()
    {
        var serials = new Dictionary<int, int>();
        var signOffs = _plans.Select((plan, order) => (Plan: plan, Order: order, Step: plan.SignOffStep))
            .Where(x => x.Step >= 0)
            .OrderBy(x => x.Plan.Days[x.Step]).ThenBy(x => x.Step).ThenBy(x => x.Order);
        foreach (var (plan, _, step) in signOffs)
        {
            var year = plan.Days[step].Year;
            serials[year] = serials.GetValueOrDefault(year) + 1;
            _numbers[plan.Proposal] = new DocumentNumber(replyNumberPrefix, year, serials[year]);
        }
    }

    /// <summary>
    /// The stored signed letter of every signed-off reply, in number order, with the audit entry the sign-off writes
    /// (at the sign-off's moment, where the timeline expects it). The signature itself bears the time it is made.
    /// </summary>
    private async Task SignLettersAsync(Func<Proposal, Reply, StaffMember, ReplyDocument> signLetter, CancellationToken cancellationToken)
    {
        var director = await db.Staff.SingleAsync(s => s.Id == _org.Director.StaffId, cancellationToken);
        var signed = _numbers.Keys.SelectMany(p => p.Replies.Where(r => r.Kind == ReplyKind.Letter && r.IsSigned).Select(r => (Proposal: p, Reply: r)))
            .OrderBy(x => x.Reply.DocumentYear).ThenBy(x => x.Reply.DocumentSerial);
        foreach (var (proposal, reply) in signed)
        {
            var document = signLetter(proposal, reply, director);
            db.ReplyDocuments.Add(document);
            var local = TimeZoneInfo.ConvertTime(reply.SignedAt!.Value, zone);
            proposal.RecordLetterIssued(_org.Director, document,
                new WorkflowContext(reply.SignedAt.Value, DateOnly.FromDateTime(local.DateTime), workflowOptions, _deadlines));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record Demo(
        Actor Office, Actor Director, Actor DeputyPlanning, Actor DeputyPrices,
        Dictionary<string, (Section Section, StaffMember Handler, Actor HandlerActor, StaffMember Leader)> Sections);

    private async Task<Demo> SeedOrganizationAsync(CancellationToken cancellationToken)
    {
        var director = new StaffMember("杨一", StaffRoles.Director, phone: "138-0000-0001", title: "局长");
        var deputyA = new StaffMember("朱二", StaffRoles.DeputyDirector, phone: "138-0000-0002", title: "副局长");
        var deputyB = new StaffMember("秦三", StaffRoles.DeputyDirector, phone: "138-0000-0003", title: "副局长");
        var office = new StaffMember("尤四", StaffRoles.Office, phone: "138-0000-0004", title: "办公室主任");
        var admin = new StaffMember("许五", StaffRoles.Admin | StaffRoles.Office, phone: "138-0000-0005", title: "系统管理员");
        db.Staff.AddRange(director, deputyA, deputyB, office, admin);
        await db.SaveChangesAsync(cancellationToken);

        // Deputy 朱二 oversees planning, investment and rural economy; 秦三 prices, energy and economic operation.
        var plan = new (string Section, StaffMember Deputy, string Handler)[]
        {
            ("发展规划科", deputyA, "何六"),
            ("固定资产投资科", deputyA, "吕七"),
            ("农村经济科", deputyA, "曹十"),
            ("价格管理科", deputyB, "施八"),
            ("能源科", deputyB, "孔九"),
            ("经济运行科", deputyB, "严十一"),
        };
        var sections = plan.Select(p => new Section(p.Section, p.Deputy.Id)).ToList();
        db.Sections.AddRange(sections);
        await db.SaveChangesAsync(cancellationToken);

        var map = new Dictionary<string, (Section, StaffMember, Actor, StaffMember)>();
        for (var i = 0; i < plan.Length; i++)
        {
            var handler = new StaffMember(plan[i].Handler, StaffRoles.SectionStaff, sections[i].Id,
                phone: $"138-0000-00{i + 11:00}", title: "科员");
            db.Staff.Add(handler);
            await db.SaveChangesAsync(cancellationToken);
            map[plan[i].Section] = (sections[i], handler, Actor.For(handler, []), plan[i].Deputy);
        }

        IEnumerable<int> Overseen(StaffMember deputy) => sections.Where(s => s.DeputyDirectorId == deputy.Id).Select(s => s.Id);
        return new Demo(
            Actor.For(office, []), Actor.For(director, []),
            Actor.For(deputyA, Overseen(deputyA)), Actor.For(deputyB, Overseen(deputyB)),
            map);
    }

    // ---- 2021: a smaller year ------------------------------------------------------------------------

    private void Seed2021()
    {
        var city = new DateOnly(2021, 3, 22);
        var cppcc = DemoSessions.Of(Level.City, ProposalKind.Proposal, 2021);
        var congress = DemoSessions.Of(Level.City, ProposalKind.Suggestion, 2021);
        Lead(2021, ProposalKind.Proposal, Level.City, cppcc, 37, "关于加快楚雄市城乡物流体系建设的提案", ["褚十二"], ["城乡融合发展"], city, "经济运行科", ProposalState.Closed, days: 50);
        Lead(2021, ProposalKind.Proposal, Level.City, cppcc, 64, "关于推进农村生活污水治理的提案", ["卫十三"], ["城乡融合发展"], city, "农村经济科", ProposalState.Closed, days: 55);
        Lead(2021, ProposalKind.Proposal, Level.City, cppcc, 118, "关于规范停车服务收费的提案", ["蒋十四"], ["教育服务收费"], city, "价格管理科", ProposalState.Closed, days: 48);
        Lead(2021, ProposalKind.Suggestion, Level.City, congress, 22, "关于加快编制乡村振兴规划的建议", ["沈十五"], ["城乡融合发展"], city, "发展规划科", ProposalState.Closed, days: 60);
        Lead(2021, ProposalKind.Suggestion, Level.City, congress, 51, "关于推进分布式光伏发电的建议", ["韩十六"], ["充电桩及新能源建设"], city, "能源科", ProposalState.Closed, days: 52);
        Lead(2021, ProposalKind.Suggestion, Level.Prefecture, DemoSessions.Of(Level.Prefecture, ProposalKind.Suggestion, 2021), 76, "关于加快重点项目前期工作的建议", ["杨十七"], ["重点项目"], new DateOnly(2021, 3, 15), "固定资产投资科", ProposalState.Closed, days: 58);
        Assisting(2021, ProposalKind.Suggestion, Level.City, congress, 9, "关于改善城区交通微循环的建议", ["朱十八"], city, "市交通运输局", "经济运行科", ProposalState.Closed);
        Assisting(2021, ProposalKind.Proposal, Level.Prefecture, DemoSessions.Of(Level.Prefecture, ProposalKind.Proposal, 2021), 41, "关于加快州域物流园区建设的提案", ["秦十九"], new DateOnly(2021, 3, 15), "州商务局", "经济运行科", ProposalState.Closed);
        Assisting(2021, ProposalKind.Proposal, Level.City, cppcc, 150, "关于推进老旧小区改造的提案", ["尤二十"], city, "市住房和城乡建设局", "固定资产投资科", ProposalState.Closed);

        Meetings(2021, (WorkMeetingKind.LeadershipTeam, "研究2021年建议提案办理工作", [new(2021, 3, 25), new(2021, 6, 10)]),
            (WorkMeetingKind.LeadingGroup, "建议提案办理领导小组会议", [new(2021, 3, 26)]),
            (WorkMeetingKind.StaffMobilization, "建议提案办理动员会", [new(2021, 3, 29)]));
    }

    // ---- 2022: the seed -----------------------------------------------------------------------------

    private void Seed2022()
    {
        // The bureau fixed 2022-07-10 for the whole batch; every lead item was closed before it (category A).
        var batchDeadline = new DateOnly(2022, 7, 10);
        var city = new DateOnly(2022, 3, 21);
        var prefecture = new DateOnly(2022, 3, 14);
        var cppcc = DemoSessions.Of(Level.City, ProposalKind.Proposal, 2022);
        var congress = DemoSessions.Of(Level.City, ProposalKind.Suggestion, 2022);
        var prefCongress = DemoSessions.Of(Level.Prefecture, ProposalKind.Suggestion, 2022);
        var prefCppcc = DemoSessions.Of(Level.Prefecture, ProposalKind.Proposal, 2022);

        // 主办 13: 州人大建议 2, 州政协提案 1, 市人大建议 2, 市政协提案 8.
        Lead(2022, ProposalKind.Suggestion, Level.Prefecture, prefCongress, 23, "子午镇法邑大中街及村庄排污项目列项建设的建议", ["刘一"], ["城乡融合发展"], prefecture, "农村经济科", ProposalState.Closed, days: 70, batch: batchDeadline, siteVisit: true);
        Lead(2022, ProposalKind.Suggestion, Level.Prefecture, prefCongress, 57, "关于统筹城乡融合发展的建议", ["陈二"], ["城乡融合发展"], prefecture, "发展规划科", ProposalState.Closed, days: 72, batch: batchDeadline, siteVisit: true);
        Lead(2022, ProposalKind.Proposal, Level.Prefecture, prefCppcc, 88, "加强长江生态环境保护支持配合民盟中央对口云南省开展民主监督工作", ["张三"], ["长江生态保护"], prefecture, "能源科", ProposalState.Closed, days: 75, batch: batchDeadline);
        Lead(2022, ProposalKind.Suggestion, Level.City, congress, 31, "关于促进楚雄市城乡融合发展的建议", ["李四"], ["城乡融合发展"], city, "发展规划科", ProposalState.Closed, days: 66, batch: batchDeadline, siteVisit: true);
        Lead(2022, ProposalKind.Suggestion, Level.City, congress, 46, "关于加快推进数字乡村建设的建议", ["王五"], ["数字经济"], city, "经济运行科", ProposalState.Closed, days: 62, batch: batchDeadline);
        Lead(2022, ProposalKind.Proposal, Level.City, cppcc, 11, "关于加快楚雄市数字经济建设的提案", ["李春闻"], ["数字经济"], city, "经济运行科", ProposalState.Closed, days: 78, batch: batchDeadline, key: true, body: DigitalEconomyReply);
        Lead(2022, ProposalKind.Proposal, Level.City, cppcc, 199, "关于加快推进新能源汽车充电设施建设的提案", ["杞发荣", "徐彦"], ["充电桩及新能源建设"], city, "能源科", ProposalState.Closed, days: 80, batch: batchDeadline, key: true, body: ChargingReply,
            commitment: ("按《楚雄市充电基础设施建设规划（2019-2023年）》推进公共充电设施建设", new DateOnly(2023, 12, 31)));
        Lead(2022, ProposalKind.Proposal, Level.City, cppcc, 45, "关于进一步加强楚雄市新能源汽车充电设施建设的提案", ["赵六"], ["充电桩及新能源建设"], city, "能源科", ProposalState.Closed, days: 68, batch: batchDeadline);
        Lead(2022, ProposalKind.Proposal, Level.City, cppcc, 76, "关于大力发展清洁能源的提案", ["孙七"], ["充电桩及新能源建设"], city, "能源科", ProposalState.Closed, days: 69, batch: batchDeadline, satisfaction: Satisfaction.BasicallySatisfied);
        Lead(2022, ProposalKind.Proposal, Level.City, cppcc, 132, "关于在乡镇布局公共充电桩的提案", ["周八"], ["充电桩及新能源建设"], city, "能源科", ProposalState.Closed, days: 71, batch: batchDeadline);
        Lead(2022, ProposalKind.Proposal, Level.City, cppcc, 158, "关于推动建立中小学（高中）课后服务教师劳务补偿长效机制的提案", ["吴九"], ["教育服务收费"], city, "价格管理科", ProposalState.Closed, days: 64, batch: batchDeadline);
        Lead(2022, ProposalKind.Proposal, Level.City, cppcc, 167, "关于规范教育服务收费管理的提案", ["郑十"], ["教育服务收费"], city, "价格管理科", ProposalState.Closed, days: 65, batch: batchDeadline, satisfaction: Satisfaction.BasicallySatisfied);
        Lead(2022, ProposalKind.Proposal, Level.City, cppcc, 210, "关于推进楚雄市智慧城市建设的提案", ["冯十一"], ["数字经济"], city, "经济运行科", ProposalState.Closed, days: 73, batch: batchDeadline);

        // 协办 7: 市人大建议 4, 州政协提案 3.
        Assisting(2022, ProposalKind.Suggestion, Level.City, congress, 12, "关于加快老旧小区改造的建议", ["褚十二"], city, "市住房和城乡建设局", "固定资产投资科", ProposalState.Closed);
        Assisting(2022, ProposalKind.Suggestion, Level.City, congress, 28, "关于完善城乡公交线网的建议", ["卫十三"], city, "市交通运输局", "经济运行科", ProposalState.Closed);
        Assisting(2022, ProposalKind.Suggestion, Level.City, congress, 63, "关于推进高标准农田建设的建议", ["蒋十四"], city, "市农业农村局", "农村经济科", ProposalState.Closed);
        Assisting(2022, ProposalKind.Suggestion, Level.City, congress, 95, "关于盘活闲置土地资源的建议", ["沈十五"], city, "市自然资源局", "固定资产投资科", ProposalState.Closed);
        Assisting(2022, ProposalKind.Proposal, Level.Prefecture, prefCppcc, 19, "关于加快绿色硅光伏产业发展的提案", ["韩十六"], prefecture, "州工业和信息化局", "能源科", ProposalState.Closed);
        Assisting(2022, ProposalKind.Proposal, Level.Prefecture, prefCppcc, 102, "关于推进州域物流枢纽建设的提案", ["杨十七"], prefecture, "州商务局", "经济运行科", ProposalState.Closed);
        Assisting(2022, ProposalKind.Proposal, Level.Prefecture, prefCppcc, 140, "关于加强农村饮水安全保障的提案", ["朱十八"], prefecture, "州水务局", "农村经济科", ProposalState.Closed);

        // 局领导班子会研究3次, 领导小组会议2次, 职工会动员推进2次.
        Meetings(2022,
            (WorkMeetingKind.LeadershipTeam, "局领导班子会研究建议提案办理工作", [new(2022, 3, 24), new(2022, 5, 12), new(2022, 6, 23)]),
            (WorkMeetingKind.LeadingGroup, "建议提案办理领导小组会议", [new(2022, 3, 25), new(2022, 6, 2)]),
            (WorkMeetingKind.StaffMobilization, "职工会动员推进建议提案办理", [new(2022, 3, 28), new(2022, 5, 16)]),
            (WorkMeetingKind.Special, "重点提案办理专题会议", [new(2022, 3, 30)]));

        // The summary's prose as the Office saved it; signed 2022年8月22日 like the seed.
        db.AnnualSummaries.Add(new Domain.Summaries.AnnualSummary(2022, Summary2022.Prose, "尤四",
            new DateTimeOffset(2022, 8, 22, 9, 0, 0, TimeSpan.FromHours(8))));
    }

    // ---- the current year, relative to today -------------------------------------------------------

    private void SeedCurrentYear(DateOnly today)
    {
        var year = today.Year;
        var cppcc = DemoSessions.Of(Level.City, ProposalKind.Proposal, year);
        var congress = DemoSessions.Of(Level.City, ProposalKind.Suggestion, year);
        DateOnly Ago(int days) => today.AddDays(-days);

        Lead(year, ProposalKind.Proposal, Level.City, cppcc, 3, "关于加快城区公共充电桩建设的提案", ["刘一"], ["充电桩及新能源建设"], Ago(1), "能源科", ProposalState.Registered, lastOn: today);
        Lead(year, ProposalKind.Proposal, Level.City, cppcc, 8, "关于完善农村电商服务体系的提案", ["陈二"], ["数字经济"], Ago(3), "经济运行科", ProposalState.Accepted, lastOn: today);
        Lead(year, ProposalKind.Suggestion, Level.City, congress, 14, "关于城区供水价格调整听证的建议", ["张三"], ["教育服务收费"], Ago(2), "价格管理科", ProposalState.ReturnRequested, lastOn: today);
        Lead(year, ProposalKind.Suggestion, Level.City, congress, 17, "关于城区道路绿化养护的建议", ["李四"], ["城乡融合发展"], Ago(20), "发展规划科", ProposalState.Returned, lastOn: Ago(15));
        Lead(year, ProposalKind.Proposal, Level.City, cppcc, 21, "关于推进县域商业体系建设的提案", ["王五"], ["城乡融合发展"], Ago(30), "发展规划科", ProposalState.InProgress, lastOn: Ago(27), communicate: false);
        Lead(year, ProposalKind.Proposal, Level.City, cppcc, 26, "关于加快抽水蓄能电站前期工作的提案", ["赵六"], ["充电桩及新能源建设"], Ago(80), "能源科", ProposalState.InProgress, lastOn: Ago(60));
        Lead(year, ProposalKind.Suggestion, Level.City, congress, 33, "关于加快乡村振兴项目储备的建议", ["孙七"], ["城乡融合发展"], Ago(100), "农村经济科", ProposalState.InProgress, lastOn: Ago(85));
        Lead(year, ProposalKind.Proposal, Level.City, cppcc, 39, "关于推进公共数据开放共享的提案", ["周八"], ["数字经济"], Ago(60), "经济运行科", ProposalState.Drafted, lastOn: Ago(5));
        Lead(year, ProposalKind.Suggestion, Level.City, congress, 42, "关于规范课后服务收费的建议", ["吴九"], ["教育服务收费"], Ago(78), "价格管理科", ProposalState.UnderReview, lastOn: Ago(2));
        Lead(year, ProposalKind.Proposal, Level.City, cppcc, 5, "关于加快楚雄市新型储能产业发展的提案", ["郑十", "冯十一"], ["充电桩及新能源建设"], Ago(70), "能源科", ProposalState.AwaitingSignOff, lastOn: Ago(1), key: true);
        Lead(year, ProposalKind.Proposal, Level.City, cppcc, 47, "关于加快推进智慧停车建设的提案", ["褚十二"], ["数字经济"], Ago(90), "经济运行科", ProposalState.Replied, lastOn: Ago(5));
        Lead(year, ProposalKind.Suggestion, Level.City, congress, 53, "关于加快农村污水处理设施建设的建议", ["卫十三"], ["城乡融合发展"], Ago(120), "农村经济科", ProposalState.InProgress, lastOn: Ago(18), reopen: true);
        Lead(year, ProposalKind.Proposal, Level.City, cppcc, 58, "关于推进光伏发电项目建设的提案", ["蒋十四"], ["充电桩及新能源建设", "长江生态保护"], Ago(110), "能源科", ProposalState.Evaluated, lastOn: Ago(4));
        Lead(year, ProposalKind.Proposal, Level.City, cppcc, 61, "关于优化城乡规划编制的提案", ["沈十五"], ["城乡融合发展"], Ago(150), "发展规划科", ProposalState.Closed, lastOn: Ago(40),
            commitment: ("年内完成乡镇国土空间规划编制", Ago(10)));
        Assisting(year, ProposalKind.Suggestion, Level.City, congress, 66, "关于改善城区停车秩序的建议", ["韩十六"], Ago(25), "市公安局交通警察大队", "经济运行科", ProposalState.InProgress, lastOn: Ago(22));
        Assisting(year, ProposalKind.Proposal, Level.Prefecture, DemoSessions.Of(Level.Prefecture, ProposalKind.Proposal, year), 72, "关于推进州域清洁能源基地建设的提案", ["杨十七"], Ago(40), "州能源局", "能源科", ProposalState.OpinionSent, lastOn: Ago(8));
        Assisting(year, ProposalKind.Suggestion, Level.City, congress, 81, "关于加强农贸市场价格监管的建议", ["朱十八"], Ago(60), "市市场监督管理局", "价格管理科", ProposalState.Closed, lastOn: Ago(20));
    }

    // ---- driving items through the workflow -----------------------------------------------------------

    private void Lead(int year, ProposalKind kind, Level level, string session, int number, string title, string[] proposers,
        string[] topics, DateOnly assignedOn, string section, ProposalState until, int days = 60, DateOnly? lastOn = null,
        DateOnly? batch = null, bool key = false, bool siteVisit = false, bool communicate = true, bool reopen = false,
        Satisfaction satisfaction = Satisfaction.Satisfied, string? body = null, (string What, DateOnly Due)? commitment = null)
    {
        assignedOn = WorkingDayOnOrBefore(assignedOn);
        var (sec, handler, handlerActor, leader) = _org.Sections[section];
        var deputy = _org.DeputyPlanning.OverseenSections.Contains(sec.Id) ? _org.DeputyPlanning : _org.DeputyPrices;
        var p = Register(year, kind, level, session, number, title, proposers, topics, assignedOn, HandlingRole.Lead,
            null, key, batch);

        var steps = new List<(string Name, Func<WorkflowContext, Result> Run)>();
        if (until != ProposalState.Registered)
        {
            steps.Add(("Accept", c => p.Accept(_org.Office, c)));
        }

        if (until is ProposalState.Registered)
        {
            // Just registered: nothing has happened to it yet.
        }
        else if (until is ProposalState.ReturnRequested or ProposalState.Returned)
        {
            steps.Add(("RequestReturn", c => p.RequestReturn(_org.Office, "所提事项不属于本局职能，建议改交市住房和城乡建设局", c)));
            if (until == ProposalState.Returned)
            {
                steps.Add(("ApproveReturn", c => p.ApproveReturn(_org.Office, "市政府办议案科同意改交", c)));
            }
        }
        else if (until != ProposalState.Accepted)
        {
            steps.Add(("五定", c => p.SetResponsibility(_org.Office, leader, sec, handler, "按时高质量办结，答复前与提出人见面沟通", c)));
            if (communicate)
            {
                steps.Add(("Phone", c => p.LogCommunication(handlerActor, CommunicationStage.Before, CommunicationMethod.Phone, c.Today,
                    Names(kind, proposers), "电话联系提出人，了解建议的背景和具体诉求，约定面商时间。", c)));
                if (key || siteVisit)
                {
                    steps.Add(("FaceToFace", c => p.LogCommunication(handlerActor, CommunicationStage.During,
                        siteVisit ? CommunicationMethod.SiteVisit : CommunicationMethod.FaceToFace, c.Today, Names(kind, proposers) + "、" + leader.Name,
                        "与提出人面商，通报初步办理意见，听取意见建议。", c)));
                }
            }

            AddHandling(p, steps, until, kind, title, sec, handler, handlerActor, leader, deputy, reopen, satisfaction, body, commitment);
        }

        Schedule(p, steps, assignedOn.AddDays(1), lastOn ?? assignedOn.AddDays(days));
    }

    private void AddHandling(Proposal p, List<(string, Func<WorkflowContext, Result>)> steps, ProposalState until,
        ProposalKind kind, string title, Section sec, StaffMember handler, Actor handlerActor, StaffMember leader, Actor deputy,
        bool reopen, Satisfaction satisfaction, string? body, (string What, DateOnly Due)? commitment)
    {
        if (until == ProposalState.InProgress && !reopen)
        {
            return;
        }

        var draft = new ReplyDraft(ResultCategory.A, Disclosure.Publish, null,
            body ?? DefaultReply(kind, title),
            $"联系单位：{sec.Name}\n联系人：{leader.Name}（责任领导）、{handler.Name}（承办人）\n联系电话：{handler.Phone}",
            kind == ProposalKind.Proposal ? "市人民政府办公室，市政协提案委员会" : "市人民政府办公室，市人大常委会选举任免联络工作委员会");
        steps.Add(("Draft", c => p.SaveDraft(handlerActor, draft, c)));
        if (until == ProposalState.Drafted)
        {
            return;
        }

        steps.Add(("Submit", c => p.SubmitForReview(handlerActor, c)));
        if (until == ProposalState.UnderReview)
        {
            return;
        }

        steps.Add(("Approve", c => p.ApproveReview(deputy, "同意，报局长签发", c)));
        if (until == ProposalState.AwaitingSignOff)
        {
            return;
        }

        steps.Add(("SignOff", c => p.SignOff(_org.Director, _numbers[p], c)));
        steps.Add(("Publish", c => p.Publish(_org.Office, c)));
        if (commitment is { } promise)
        {
            steps.Add(("Commitment", c => p.AddCommitment(handlerActor, promise.What, sec.Id, handler.Name, promise.Due, c)));
        }

        if (until == ProposalState.Replied)
        {
            return;
        }

        if (reopen)
        {
            steps.Add(("Unsatisfied", c => p.RecordEvaluation(_org.Office, Satisfaction.Unsatisfied, "答复内容较原则，希望明确建设时间表", false, c)));
            steps.Add(("Resume", c => p.ResumeHandling(handlerActor, c)));
            return;
        }

        steps.Add(("Evaluate", c => p.RecordEvaluation(_org.Office, satisfaction, null, true, c)));
        if (until == ProposalState.Evaluated)
        {
            return;
        }

        steps.Add(("Close", c => p.Close(_org.Office, null, c)));
    }

    private void Assisting(int year, ProposalKind kind, Level level, string session, int number, string title, string[] proposers,
        DateOnly assignedOn, string leadUnit, string section, ProposalState until, DateOnly? lastOn = null)
    {
        assignedOn = WorkingDayOnOrBefore(assignedOn);
        var (sec, handler, handlerActor, leader) = _org.Sections[section];
        var p = Register(year, kind, level, session, number, title, proposers, [], assignedOn, HandlingRole.Assisting, leadUnit, false, null);
        var steps = new List<(string, Func<WorkflowContext, Result>)>
        {
            ("Accept", c => p.Accept(_org.Office, c)),
            ("五定", c => p.SetResponsibility(_org.Office, leader, sec, handler, null, c)),
        };
        if (until is ProposalState.OpinionSent or ProposalState.Closed)
        {
            steps.Add(("Opinion", c => p.SendOpinion(handlerActor,
                $"关于《{title}》，我局结合职能提出如下协办意见：一是将相关项目纳入年度重点项目库统筹推进；二是积极协助争取上级资金支持。", c)));
        }

        if (until == ProposalState.Closed)
        {
            steps.Add(("Close", c => p.Close(_org.Office, "主办单位已答复提出人", c)));
        }

        Schedule(p, steps, assignedOn.AddDays(1), lastOn ?? assignedOn.AddDays(25));
    }

    private Proposal Register(int year, ProposalKind kind, Level level, string session, int number, string title,
        string[] proposers, string[] topics, DateOnly assignedOn, HandlingRole role, string? leadUnit, bool key, DateOnly? batch)
    {
        var people = proposers.Select((name, i) => new Proposer(name, $"138-0000-{number % 100:00}{i + 1:00}",
            "（演示单位）", kind == ProposalKind.Suggestion ? "城区代表团" : "经济界")).ToList();
        var registration = new ProposalRegistration(year, kind, level, session, number, title,
            $"{title}。（演示数据：正文从略）", people, topics, assignedOn, role, leadUnit, null, key,
            key ? $"市协发〔{year}〕4号" : null, batch);
        var p = Proposal.Register(registration, _org.Office, Context(assignedOn));
        db.Proposals.Add(p);
        return p;
    }

    /// <summary>
    /// Plans the days of the steps (<see cref="SeedAsync"/> runs them): signing for the item, 五定 and the first call to
    /// the proposer come two days apart at the start (as a bureau that keeps the 办前联系 deadline would), the rest spread
    /// evenly up to the last day, each on a working day. A refusal is a bug in the demo.
    /// </summary>
    private void Schedule(Proposal p, List<(string Name, Func<WorkflowContext, Result> Run)> steps, DateOnly first, DateOnly last)
    {
        if (last < first)
        {
            last = first;
        }

        string[] early = ["Accept", "五定", "Phone"];
        var leading = steps.TakeWhile(s => early.Contains(s.Name)).Count();
        var days = new List<DateOnly>();
        for (var i = 0; i < leading; i++)
        {
            days.Add(Min(first.AddDays(2 * i), last));
        }

        var rest = steps.Count - leading;
        var from = leading == 0 ? first : Min(days[^1].AddDays(1), last);
        var span = last.DayNumber - from.DayNumber;
        for (var i = 0; i < rest; i++)
        {
            days.Add(from.AddDays(rest == 1 ? span : span * i / (rest - 1)));
        }

        // A bureau works on working days: a step that would fall on a weekend or holiday is taken on the working day
        // before it. The item was assigned on a working day before first, so no step moves before its assignment, and
        // the order of the steps (and so of the reply numbers) is kept.
        _plans.Add(new Plan(p, steps, days.ConvertAll(WorkingDayOnOrBefore)));
    }

    private DateOnly WorkingDayOnOrBefore(DateOnly day)
    {
        while (!_calendar.IsWorkingDay(day))
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    private void Execute(Plan plan)
    {
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var result = plan.Steps[i].Run(Context(plan.Days[i], i));
            if (!result.IsOk)
            {
                throw new InvalidOperationException($"演示数据有误：{plan.Proposal.Designation}「{plan.Steps[i].Name}」被拒绝：{result.Error}");
            }
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private WorkflowContext Context(DateOnly day, int minute = 0)
    {
        // Steps of one day keep their order on the timeline: 09:00, 09:01, … A day whose 09:59 has not come yet (today,
        // when the demo is loaded in the small hours) has its steps in the last seconds before now instead, in the same
        // order: no line of the audit trail may be dated after the moment of loading, or a step taken in the portal
        // right after it would sort below the demo's "later" ones on every board and timeline.
        var at = Local(day, 9, minute);
        if (Local(day, 9, 59) > _now)
        {
            at = _now.AddMilliseconds(100 * (minute - 60));
        }

        return new WorkflowContext(at.ToUniversalTime(), day, workflowOptions, _deadlines);
    }

    private DateTimeOffset Local(DateOnly day, int hour, int minute)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static string Names(ProposalKind kind, string[] proposers) =>
        string.Join("、", proposers.Select(n => n + kind.ProposerTitle()));

    private void Meetings(int year, params (WorkMeetingKind Kind, string Subject, DateOnly[] Dates)[] meetings)
    {
        foreach (var (kind, subject, dates) in meetings)
        {
            db.WorkMeetings.AddRange(dates.Select(d => new WorkMeeting(kind, d, subject)));
        }

        _ = year;
    }

    private static string DefaultReply(ProposalKind kind, string title) =>
        $"您提出的《{title}》收悉，现答复如下：\n" +
        "我局高度重视，组织承办科室认真研究，深入开展调查研究，并与您进行了沟通。现将办理情况答复如下：\n" +
        "一、结合职能职责，将所提事项纳入年度重点工作统筹推进。\n" +
        "二、加强与相关部门的协调配合，推动问题逐步解决。\n" +
        $"感谢您对发展改革工作的关心和支持，欢迎继续提出宝贵意见和建议。";

    private const string ChargingReply =
        "您提出的《关于加快推进新能源汽车充电设施建设的提案》收悉，现答复如下：\n" +
        "我市已于2018年5月8日将电动汽车充电基础设施建设特许经营权授权划入楚雄市城乡建设投资集团有限公司，并编制审定了《楚雄市充电基础设施建设规划（2019-2023年）》，由该公司牵头招募项目合作伙伴，按审定规划推进项目实施。\n" +
        "市人民政府于2018年11月1日以楚市政通〔2018〕60号文件公布实施了《楚雄市加快新能源汽车推广应用工作方案》，明确了新能源汽车推广应用、充电基础设施建设工作目标和财政补贴政策。\n" +
        "截至目前，楚雄市已累计建成集中式充电站3座，分散式充电点23个，累计充电桩255个。\n" +
        "感谢您对发展改革工作的关心和支持。";

    private const string DigitalEconomyReply =
        "您提出的《关于加快楚雄市数字经济建设的提案》收悉，现答复如下：\n" +
        "一、强化顶层设计，发布实施了《楚雄市国民经济和社会发展第十四个五年规划纲要》和《楚雄市数字经济发展规划（2020—2025年）》。\n" +
        "二、推进信息基础设施建设，城市FTTH覆盖率达100%,5G城区覆盖率达98.7%。\n" +
        "三、谋划储备楚雄市数字经济发展（2020-2025年）项目91个，2020-2025年计划投资659.98亿元。\n" +
        "感谢您对发展改革工作的关心和支持。";
}
