using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// Fills an empty portal database with a synthetic organisation (60 sections under 6 deputies) and
/// <see cref="BenchmarkSettings.Items"/> items over <see cref="BenchmarkSettings.Years"/> years. Every item is
/// registered with <see cref="Proposal.Register"/> and moved with the domain's own step methods, so states, dates,
/// replies, evaluations, communications and audit trails are what the portal would have recorded. The older years
/// are mostly closed; the newest is spread over every state. Deterministic: one <see cref="Random"/> with a fixed
/// seed, consumed in a fixed order.
/// </summary>
internal sealed class SyntheticPortalGenerator(
    IDbContextFactory<PortalDbContext> dbFactory,
    DeadlineCalculator deadlines,
    WorkflowOptions workflowOptions,
    string replyNumberPrefix,
    TimeZoneInfo zone,
    DateOnly today)
{
    private static readonly string[] Areas =
        ["发展规划", "固定资产投资", "农村经济", "价格管理", "能源", "经济运行", "社会发展", "产业发展", "重点项目", "营商环境", "数字经济", "区域开放"];

    private static readonly string[] Ordinals = ["一", "二", "三", "四", "五"];

    /// <summary>Topics with the subjects a title is made of; topic i goes mostly to area i's sections.</summary>
    private static readonly (string Topic, string[] Subjects)[] Catalog =
    [
        ("充电桩及新能源建设", ["新能源汽车充电设施建设", "城区公共充电桩布局", "乡镇充电站建设", "分布式光伏发电", "抽水蓄能电站前期工作", "新型储能产业发展"]),
        ("城乡融合发展", ["城乡融合发展", "县域商业体系建设", "城乡物流体系建设", "农村生活污水治理", "小城镇建设"]),
        ("乡村振兴", ["乡村振兴项目储备", "高标准农田建设", "农村饮水安全保障", "特色农产品加工", "数字乡村建设"]),
        ("教育服务收费", ["课后服务收费管理", "幼儿园收费监管", "教育服务收费规范", "课后服务教师劳务补偿"]),
        ("充电桩及新能源建设", ["清洁能源基地建设", "电动汽车充电基础设施规划", "城区供电能力提升", "绿色硅光伏产业发展"]),
        ("数字经济", ["数字经济建设", "智慧城市建设", "公共数据开放共享", "智慧停车建设", "农村电商服务体系"]),
        ("公共服务", ["养老服务体系建设", "城区停车秩序改善", "老旧小区改造", "公共文化设施建设"]),
        ("产业升级", ["园区基础设施建设", "绿色食品产业发展", "中小企业融资服务", "制造业转型升级"]),
        ("重点项目", ["重点项目前期工作", "重大项目要素保障", "专项债券项目储备", "项目审批提速"]),
        ("营商环境", ["营商环境优化", "政务服务效能提升", "涉企收费清理", "市场主体培育"]),
        ("物价民生", ["城区供水价格调整", "农贸市场价格监管", "停车服务收费规范", "天然气价格联动"]),
        ("长江生态保护", ["长江生态环境保护", "流域水污染防治", "生态补偿机制建设", "绿色低碳发展"]),
    ];

    private static readonly string[] Verbs = ["加快推进", "进一步加强", "大力支持", "规范", "完善", "优化", "推动", "统筹"];

    private static readonly string[] Surnames =
        ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
         "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "杞", "普", "者", "李", "鲁", "起"];

    private static readonly string[] GivenChars =
        ["春", "闻", "发", "荣", "彦", "华", "明", "丽", "军", "芳", "建", "国", "平", "红", "伟", "静", "强", "敏", "杰", "燕",
         "磊", "洁", "勇", "艳", "涛", "娟", "斌", "霞", "超", "琳", "波", "云", "峰", "梅", "晖", "雪", "鹏", "翠", "俊", "玲"];

    private static readonly (string Source, Level Level, ProposalKind Kind, int Weight)[] Sources =
    [
        ("州人大", Level.Prefecture, ProposalKind.Suggestion, 15),
        ("州政协", Level.Prefecture, ProposalKind.Proposal, 15),
        ("市人大", Level.City, ProposalKind.Suggestion, 30),
        ("市政协", Level.City, ProposalKind.Proposal, 40),
    ];

    private readonly Random _random = new(BenchmarkSettings.Seed);
    private readonly Dictionary<int, int> _serials = [];
    private readonly Dictionary<string, int> _numbers = [];
    private Org _org = null!;

    private sealed record SectionUnit(Section Section, StaffMember Deputy, Actor DeputyActor, (StaffMember Member, Actor Actor)[] Handlers);

    private sealed record Org(Actor Office, Actor Director, SectionUnit[] Sections);

    /// <summary>What an item is driven to. <c>reopened</c> items went through 不满意 and a second round.</summary>
    private enum Target
    {
        Registered,
        Accepted,
        ReturnRequested,
        Returned,
        InProgress,
        Drafted,
        UnderReview,
        AwaitingSignOff,
        Replied,
        Evaluated,
        Reopened,
        RehandlingInProgress,
        OpinionSent,
        Closed,
        ClosedAfterRehandling,
    }

    public async Task GenerateAsync(TextWriter log, CancellationToken cancellationToken = default)
    {
        _org = await SeedOrganizationAsync(cancellationToken);

        var batch = new List<Proposal>(BenchmarkSettings.BatchSize);
        var meetings = new List<WorkMeeting>();
        var saved = 0;
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var y = 0; y < BenchmarkSettings.Years; y++)
        {
            var year = BenchmarkSettings.FirstYear + y;
            meetings.AddRange(Meetings(year));
            var count = BenchmarkSettings.Items / BenchmarkSettings.Years
                + (y == BenchmarkSettings.Years - 1 ? BenchmarkSettings.Items % BenchmarkSettings.Years : 0);
            for (var i = 0; i < count; i++)
            {
                batch.Add(MakeItem(year));
                if (batch.Count == BenchmarkSettings.BatchSize)
                {
                    saved += await SaveAsync(batch, meetings, cancellationToken);
                    if (saved % 10_000 == 0)
                    {
                        await log.WriteLineAsync($"  {saved:N0} items saved ({started.Elapsed.TotalSeconds:F0} s)");
                    }
                }
            }
        }

        saved += await SaveAsync(batch, meetings, cancellationToken);
        await log.WriteLineAsync($"  generated {saved:N0} items in {started.Elapsed.TotalSeconds:F0} s");
    }

    private async Task<int> SaveAsync(List<Proposal> batch, List<WorkMeeting> meetings, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Proposals.AddRange(batch);
        db.WorkMeetings.AddRange(meetings);
        await db.SaveChangesAsync(cancellationToken);
        var count = batch.Count;
        batch.Clear();
        meetings.Clear();
        return count;
    }

    // ---- the organisation ----------------------------------------------------------------------------

    private async Task<Org> SeedOrganizationAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var director = new StaffMember(PersonName(), StaffRoles.Director, title: "局长");
        var office = new StaffMember(PersonName(), StaffRoles.Office, title: "办公室主任");
        var deputyCount = BenchmarkSettings.Sections / 10;
        var deputies = Enumerable.Range(0, deputyCount)
            .Select(_ => new StaffMember(PersonName(), StaffRoles.DeputyDirector, title: "副局长")).ToList();
        db.Staff.Add(director);
        db.Staff.Add(office);
        db.Staff.AddRange(deputies);
        await db.SaveChangesAsync(cancellationToken);

        // Section i: area i / 5, ordinal i % 5; deputy d oversees ten consecutive sections.
        var sections = Enumerable.Range(0, BenchmarkSettings.Sections)
            .Select(i => new Section($"{Areas[i / Ordinals.Length]}{Ordinals[i % Ordinals.Length]}科", deputies[i / 10].Id))
            .ToList();
        db.Sections.AddRange(sections);
        await db.SaveChangesAsync(cancellationToken);

        var handlers = sections
            .Select(s => Enumerable.Range(0, 2).Select(_ => new StaffMember(PersonName(), StaffRoles.SectionStaff, s.Id, title: "科员")).ToArray())
            .ToList();
        db.Staff.AddRange(handlers.SelectMany(h => h));
        await db.SaveChangesAsync(cancellationToken);

        var deputyActors = deputies
            .Select(d => Actor.For(d, sections.Where(s => s.DeputyDirectorId == d.Id).Select(s => s.Id)))
            .ToList();
        var units = sections.Select((s, i) => new SectionUnit(s, deputies[i / 10], deputyActors[i / 10],
                handlers[i].Select(h => (h, Actor.For(h, []))).ToArray()))
            .ToArray();
        return new Org(Actor.For(office, []), Actor.For(director, []), units);
    }

    private IEnumerable<WorkMeeting> Meetings(int year)
    {
        var plan = new (WorkMeetingKind Kind, string Subject, int Count)[]
        {
            (WorkMeetingKind.LeadershipTeam, "局领导班子会研究建议提案办理工作", 3),
            (WorkMeetingKind.LeadingGroup, "建议提案办理领导小组会议", 2),
            (WorkMeetingKind.StaffMobilization, "职工会动员推进建议提案办理", 2),
            (WorkMeetingKind.Special, "重点提案办理专题会议", 1),
        };
        foreach (var (kind, subject, count) in plan)
        {
            for (var i = 0; i < count; i++)
            {
                var date = new DateOnly(year, 3, 20).AddDays(_random.Next(0, 200));
                if (date <= today)
                {
                    yield return new WorkMeeting(kind, date, subject);
                }
            }
        }
    }

    // ---- one item ------------------------------------------------------------------------------------

    private Proposal MakeItem(int year)
    {
        var source = Pick(Sources, s => s.Weight);
        var session = $"{year}年{source.Source}会议";
        var number = _numbers[session] = _numbers.GetValueOrDefault(session) + 1;
        var role = _random.NextDouble() < 0.85 ? HandlingRole.Lead : HandlingRole.Assisting;
        var target = role == HandlingRole.Lead ? LeadTarget(year) : AssistingTarget(year);

        var topicIndex = _random.Next(Catalog.Length);
        var (topic, subjects) = Catalog[topicIndex];
        var subject = subjects[_random.Next(subjects.Length)];
        var title = $"关于{Verbs[_random.Next(Verbs.Length)]}{subject}的{(source.Kind == ProposalKind.Proposal ? "提案" : "建议")}";
        var topics = _random.NextDouble() < 0.2
            ? new[] { topic, Catalog[_random.Next(Catalog.Length)].Topic }
            : new[] { topic };

        // Sections: mostly the topic's area, sometimes any.
        var sectionIndex = _random.NextDouble() < 0.8
            ? topicIndex * Ordinals.Length + _random.Next(Ordinals.Length)
            : _random.Next(_org.Sections.Length);
        var unit = _org.Sections[sectionIndex];

        var key = role == HandlingRole.Lead && _random.NextDouble() < 0.01;
        var (assignedOn, lateBatch) = AssignedOn(year, source.Level, target);
        DateOnly? batch = role == HandlingRole.Lead && !lateBatch && year % 2 == 0 && year < BenchmarkSettings.CurrentYear
            ? new DateOnly(year, 7, 10)
            : null;

        var proposerCount = _random.NextDouble() switch { < 0.7 => 1, < 0.9 => 2, _ => 3 };
        var proposers = Enumerable.Range(0, proposerCount)
            .Select(i => new Proposer(PersonName(), $"138-0000-{_random.Next(10_000):0000}", "(合成单位)",
                source.Kind == ProposalKind.Suggestion ? "城区代表团" : "经济界"))
            .ToList();

        var registration = new ProposalRegistration(year, source.Kind, source.Level, session, number, title,
            $"{title}。(基准测试合成数据:正文从略)", proposers, topics, assignedOn, role,
            role == HandlingRole.Assisting ? "市住房和城乡建设局" : null, null, key,
            key ? $"市协发〔{year}〕4号" : null, batch);
        var p = Proposal.Register(registration, _org.Office, Context(assignedOn));

        var steps = role == HandlingRole.Lead
            ? LeadSteps(p, unit, target, key, proposers.Count)
            : AssistingSteps(p, unit, target);
        var last = LastStepOn(assignedOn, target, role);
        Run(p, steps, assignedOn.AddDays(1), last);
        return p;
    }

    private Target LeadTarget(int year)
    {
        var r = _random.NextDouble();
        if (year < BenchmarkSettings.CurrentYear)
        {
            // Old years: closed, bar a few returns, a few never formally closed and, last year, a few forgotten.
            var reopen = _random.NextDouble() < 0.03;
            return r switch
            {
                < 0.03 => Target.Returned,
                < 0.05 => reopen ? Target.Reopened : Target.Evaluated,
                < 0.07 when year == BenchmarkSettings.CurrentYear - 1 => Target.InProgress,
                _ => reopen ? Target.ClosedAfterRehandling : Target.Closed,
            };
        }

        return r switch
        {
            < 0.03 => Target.Registered,
            < 0.06 => Target.Accepted,
            < 0.07 => Target.ReturnRequested,
            < 0.09 => Target.Returned,
            < 0.24 => Target.InProgress,
            < 0.30 => Target.Drafted,
            < 0.34 => Target.UnderReview,
            < 0.37 => Target.AwaitingSignOff,
            < 0.47 => Target.Replied,
            < 0.55 => Target.Evaluated,
            < 0.57 => Target.Reopened,
            < 0.59 => Target.RehandlingInProgress,
            < 0.61 => Target.ClosedAfterRehandling,
            _ => Target.Closed,
        };
    }

    private Target AssistingTarget(int year)
    {
        var r = _random.NextDouble();
        if (year < BenchmarkSettings.CurrentYear)
        {
            return r < 0.04 ? Target.OpinionSent : Target.Closed;
        }

        return r switch
        {
            < 0.05 => Target.Registered,
            < 0.10 => Target.Accepted,
            < 0.35 => Target.InProgress,
            < 0.60 => Target.OpinionSent,
            _ => Target.Closed,
        };
    }

    private (DateOnly AssignedOn, bool LateBatch) AssignedOn(int year, Level level, Target target)
    {
        if (year == BenchmarkSettings.CurrentYear)
        {
            switch (target)
            {
                case Target.Registered:
                    return (today.AddDays(-_random.Next(0, 6)), true);
                case Target.Accepted:
                    return (today.AddDays(-_random.Next(1, 7)), true);
                case Target.ReturnRequested:
                    return (today.AddDays(-_random.Next(2, 5)), true);
            }
        }

        // Most items arrive in the batch after the sessions; a few in later batches (会后补充交办).
        if (_random.NextDouble() < (year == BenchmarkSettings.CurrentYear ? 0.3 : 0.1))
        {
            var late = new DateOnly(year, 7, 1).AddDays(_random.Next(0, 131));
            return (late > today.AddDays(-10) ? today.AddDays(-10) : late, true);
        }

        var session = level == Level.Prefecture ? new DateOnly(year, 3, 10) : new DateOnly(year, 3, 18);
        return (session.AddDays(_random.Next(0, 8)), false);
    }

    private DateOnly LastStepOn(DateOnly assignedOn, Target target, HandlingRole role)
    {
        var days = role == HandlingRole.Assisting
            ? target switch
            {
                Target.InProgress => _random.Next(3, 20),
                Target.OpinionSent => _random.Next(15, 30),
                _ => _random.Next(20, 45),
            }
            : target switch
            {
                Target.Registered or Target.Accepted => 1,
                Target.ReturnRequested => 2,
                Target.Returned => _random.Next(2, 5),
                Target.InProgress => _random.Next(10, 40),
                Target.Drafted or Target.UnderReview or Target.AwaitingSignOff => _random.Next(30, 80),
                Target.Replied => _random.Next(40, 90),
                Target.Evaluated => _random.Next(50, 100),
                Target.Reopened => _random.Next(60, 110),
                Target.RehandlingInProgress => _random.Next(70, 120),
                Target.ClosedAfterRehandling => _random.Next(100, 140),
                _ => _random.Next(40, 100),
            };
        var last = assignedOn.AddDays(days);
        if (last > today)
        {
            last = today;
        }

        return last < assignedOn.AddDays(1) ? assignedOn.AddDays(1) : last;
    }

    private List<(string Name, Func<WorkflowContext, Result> Run)> LeadSteps(Proposal p, SectionUnit unit, Target target,
        bool key, int proposerCount)
    {
        var office = _org.Office;
        var (handler, handlerActor) = unit.Handlers[_random.Next(unit.Handlers.Length)];
        var participants = proposerCount == 1 ? "提出人" : $"提出人等{proposerCount}人";
        var steps = new List<(string, Func<WorkflowContext, Result>)>();
        if (target is Target.Registered)
        {
            return steps;
        }

        steps.Add(("Accept", c => p.Accept(office, c)));
        if (target is Target.Accepted)
        {
            return steps;
        }

        if (target is Target.ReturnRequested or Target.Returned)
        {
            steps.Add(("RequestReturn", c => p.RequestReturn(office, "所提事项不属于本局职能,建议改交其他部门", c)));
            if (target == Target.Returned)
            {
                steps.Add(("ApproveReturn", c => p.ApproveReturn(office, "市政府办议案科同意改交", c)));
            }

            return steps;
        }

        steps.Add(("五定", c => p.SetResponsibility(office, unit.Deputy, unit.Section, handler, "按时高质量办结,答复前与提出人沟通", c)));
        if (_random.NextDouble() < 0.02)
        {
            steps.Add(("Extend", c => p.ExtendDeadline(office, p.Deadline!.Value.AddDays(30), "涉及多个部门,需协调论证,经批准延期", c)));
        }

        steps.Add(("Phone", c => p.LogCommunication(handlerActor, CommunicationStage.Before, CommunicationMethod.Phone, c.Today,
            participants, "电话联系提出人,了解建议的背景和具体诉求,约定面商时间。", c)));
        if (key || _random.NextDouble() < 0.4)
        {
            var method = _random.NextDouble() < 0.3 ? CommunicationMethod.SiteVisit : CommunicationMethod.FaceToFace;
            steps.Add(("FaceToFace", c => p.LogCommunication(handlerActor, CommunicationStage.During, method, c.Today,
                participants + "、" + unit.Deputy.Name, "与提出人面商,通报初步办理意见,听取意见建议。", c)));
        }

        if (target == Target.InProgress)
        {
            return steps;
        }

        var draft = Draft(p, unit, handler);
        steps.Add(("Draft", c => p.SaveDraft(handlerActor, draft, c)));
        if (target == Target.Drafted)
        {
            return steps;
        }

        steps.Add(("Submit", c => p.SubmitForReview(handlerActor, c)));
        if (target == Target.UnderReview)
        {
            return steps;
        }

        steps.Add(("Approve", c => p.ApproveReview(unit.DeputyActor, "同意,报局长签发", c)));
        if (target == Target.AwaitingSignOff)
        {
            return steps;
        }

        AddSignOff(steps, p, draft);
        if (_random.NextDouble() < 0.05)
        {
            var months = _random.Next(3, 13);
            steps.Add(("Commitment", c => p.AddCommitment(handlerActor, "按答复意见推进相关项目建设", unit.Section.Id, handler.Name,
                c.Today.AddMonths(months), c)));
        }

        if (target == Target.Replied)
        {
            return steps;
        }

        if (_random.NextDouble() < 0.2)
        {
            steps.Add(("Revisit", c => p.LogCommunication(handlerActor, CommunicationStage.After, CommunicationMethod.Phone, c.Today,
                participants, "电话回访提出人,听取对答复的意见。", c)));
        }

        if (target is Target.Reopened or Target.RehandlingInProgress or Target.ClosedAfterRehandling)
        {
            steps.Add(("Unsatisfied", c => p.RecordEvaluation(office, Satisfaction.Unsatisfied, "答复内容较原则,希望明确时间表", false, c)));
            if (target == Target.Reopened)
            {
                return steps;
            }

            steps.Add(("Resume", c => p.ResumeHandling(handlerActor, c)));
            steps.Add(("Rehandling meeting", c => p.LogCommunication(handlerActor, CommunicationStage.During, CommunicationMethod.FaceToFace,
                c.Today, participants + "、" + unit.Deputy.Name, "重新办理:与提出人当面商谈,明确整改措施和时间表。", c)));
            if (target == Target.RehandlingInProgress)
            {
                return steps;
            }

            var second = Draft(p, unit, handler);
            steps.Add(("Draft 2", c => p.SaveDraft(handlerActor, second, c)));
            steps.Add(("Submit 2", c => p.SubmitForReview(handlerActor, c)));
            steps.Add(("Approve 2", c => p.ApproveReview(unit.DeputyActor, "同意", c)));
            AddSignOff(steps, p, second);
        }

        var satisfaction = _random.NextDouble() < 0.86 ? Satisfaction.Satisfied : Satisfaction.BasicallySatisfied;
        var enteredByStaff = _random.NextDouble() < 0.5;
        steps.Add(("Evaluate", c => p.RecordEvaluation(office, satisfaction, null, enteredByStaff, c)));
        if (target == Target.Evaluated)
        {
            return steps;
        }

        steps.Add(("Close", c => p.Close(office, null, c)));
        return steps;
    }

    private void AddSignOff(List<(string, Func<WorkflowContext, Result>)> steps, Proposal p, ReplyDraft draft)
    {
        steps.Add(("SignOff", c => p.SignOff(_org.Director, NextNumber(c.Today.Year), c)));
        if (draft.Disclosure != Disclosure.Withhold)
        {
            steps.Add(("Publish", c => p.Publish(_org.Office, c)));
        }
    }

    private ReplyDraft Draft(Proposal p, SectionUnit unit, StaffMember handler)
    {
        var category = _random.NextDouble() switch { < 0.80 => ResultCategory.A, < 0.95 => ResultCategory.B, _ => ResultCategory.C };
        var disclosure = _random.NextDouble() switch { < 0.85 => Disclosure.Publish, < 0.95 => Disclosure.PublishSummary, _ => Disclosure.Withhold };
        return new ReplyDraft(category, disclosure,
            disclosure == Disclosure.Publish ? null : "涉及尚未公开的项目信息",
            $"您提出的《{p.Title}》收悉,现答复如下:\n我局高度重视,组织承办科室认真研究,并与您进行了沟通。\n" +
            "一、结合职能职责,将所提事项纳入年度重点工作统筹推进。\n二、加强与相关部门的协调配合,推动问题逐步解决。\n" +
            "感谢您对发展改革工作的关心和支持。",
            $"联系单位:{unit.Section.Name}\n联系人:{handler.Name}",
            p.Kind == ProposalKind.Proposal ? "市人民政府办公室,市政协提案委员会" : "市人民政府办公室,市人大常委会选举任免联络工作委员会",
            disclosure == Disclosure.PublishSummary ? "我局已将所提事项纳入年度重点工作统筹推进。" : null);
    }

    private List<(string Name, Func<WorkflowContext, Result> Run)> AssistingSteps(Proposal p, SectionUnit unit, Target target)
    {
        var office = _org.Office;
        var (handler, handlerActor) = unit.Handlers[_random.Next(unit.Handlers.Length)];
        var steps = new List<(string, Func<WorkflowContext, Result>)>();
        if (target == Target.Registered)
        {
            return steps;
        }

        steps.Add(("Accept", c => p.Accept(office, c)));
        if (target == Target.Accepted)
        {
            return steps;
        }

        steps.Add(("五定", c => p.SetResponsibility(office, unit.Deputy, unit.Section, handler, null, c)));
        if (_random.NextDouble() < 0.5)
        {
            steps.Add(("Phone", c => p.LogCommunication(handlerActor, CommunicationStage.Before, CommunicationMethod.Phone, c.Today,
                "主办单位及提出人", "与主办单位沟通分工,了解提出人诉求。", c)));
        }

        if (target == Target.InProgress)
        {
            return steps;
        }

        steps.Add(("Opinion", c => p.SendOpinion(handlerActor,
            $"关于《{p.Title}》,我局结合职能提出如下协办意见:一是将相关项目纳入年度重点项目库统筹推进;二是积极协助争取上级资金支持。", c)));
        if (target == Target.OpinionSent)
        {
            return steps;
        }

        steps.Add(("Close", c => p.Close(office, "主办单位已答复提出人", c)));
        return steps;
    }

    // ---- the machinery, as DemoData does it -------------------------------------------------------------

    /// <summary>Runs the steps with their dates spread evenly from first to last; a refusal is a bug in the generator.</summary>
    private void Run(Proposal p, List<(string Name, Func<WorkflowContext, Result> Run)> steps, DateOnly first, DateOnly last)
    {
        if (last < first)
        {
            last = first;
        }

        var span = last.DayNumber - first.DayNumber;
        for (var i = 0; i < steps.Count; i++)
        {
            var day = first.AddDays(steps.Count == 1 ? span : span * i / (steps.Count - 1));
            var result = steps[i].Run(Context(day, i));
            if (!result.IsOk)
            {
                throw new InvalidOperationException($"合成数据有误:{p.Designation}「{steps[i].Name}」被拒绝:{result.Error}");
            }
        }
    }

    private WorkflowContext Context(DateOnly day, int minute = 0)
    {
        // Steps of one day keep their order on the timeline: 09:00, 09:01, …
        var local = day.ToDateTime(new TimeOnly(9, minute));
        var now = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        return new WorkflowContext(now, day, workflowOptions, deadlines);
    }

    private DocumentNumber NextNumber(int year)
    {
        // Serials run per year without gaps; the Replies table has a unique index on (DocumentYear, DocumentSerial).
        _serials[year] = _serials.GetValueOrDefault(year) + 1;
        return new DocumentNumber(replyNumberPrefix, year, _serials[year]);
    }

    private string PersonName() =>
        Surnames[_random.Next(Surnames.Length)] + GivenChars[_random.Next(GivenChars.Length)]
        + (_random.NextDouble() < 0.6 ? GivenChars[_random.Next(GivenChars.Length)] : string.Empty);

    private T Pick<T>(IReadOnlyList<T> items, Func<T, int> weight)
    {
        var total = items.Sum(weight);
        var r = _random.Next(total);
        foreach (var item in items)
        {
            r -= weight(item);
            if (r < 0)
            {
                return item;
            }
        }

        return items[^1];
    }
}
