using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Publication;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// The public pages (issue 7) over 10,000 published reply letters: the list, filtered lists, keyword search (a
/// two-character word and a longer phrase) and one reply page, each as the endpoint calls the service (a fresh
/// DbContext per call). Its own database (<see cref="PublicBenchmarkDatabase"/>), generated through the domain on the
/// first run and cached beside the 100,000-item one.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PublicPagesBenchmarks
{
    private PortalFixture _fixture = null!;
    private int _replyId;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var path = PublicBenchmarkDatabase.Path;
        await PublicBenchmarkDatabase.EnsureAsync(path, Console.Out);
        _fixture = await PortalFixture.OpenAsync(path);
        await using var db = await _fixture.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        _replyId = await db.Set<Reply>().Where(r => r.PublishedAt != null).OrderBy(r => r.Id).Skip(5_000).Select(r => r.Id).FirstAsync();
        // The search index is filled on the first search, as in the app; a benchmark measures the steady state.
        await Publication.ListAsync(new PublicFilter(Keyword: "光伏"));
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _fixture.DisposeAsync();

    private PublicationService Publication => _fixture.Services.GetRequiredService<PublicationService>();

    [Benchmark(Description = "Public list, first page (<50 ms)")]
    public Task<PublicListPage> ListFirstPage() => Publication.ListAsync(new PublicFilter());

    [Benchmark(Description = "Public list, 2024 + 市政协 + category A, page 3 (<50 ms)")]
    public Task<PublicListPage> ListFiltered() => Publication.ListAsync(new PublicFilter(2024, "市政协", Category: ResultCategory.A, Page: 3));

    [Benchmark(Description = "Public search 光伏 (<50 ms)")]
    public Task<PublicListPage> SearchTwoCharacters() => Publication.ListAsync(new PublicFilter(Keyword: "光伏"));

    [Benchmark(Description = "Public search 抽水蓄能 + topic (<50 ms)")]
    public Task<PublicListPage> SearchPhraseAndTopic() => Publication.ListAsync(new PublicFilter(Topic: "充电桩及新能源建设", Keyword: "抽水蓄能"));

    [Benchmark(Description = "Public reply page (<50 ms)")]
    public Task<PublicReply?> ReplyPage() => Publication.FindAsync(_replyId);
}

/// <summary>10,000 lead items, each replied, signed and published through the domain's own steps.</summary>
public static class PublicBenchmarkDatabase
{
    public const int Published = 10_000;

    private static readonly (string Topic, string[] Subjects)[] Catalog =
    [
        ("充电桩及新能源建设", ["新能源汽车充电设施建设", "分布式光伏发电", "抽水蓄能电站前期工作", "新型储能产业发展"]),
        ("乡村振兴", ["高标准农田建设", "农村饮水安全保障", "特色农产品加工", "数字乡村建设"]),
        ("数字经济", ["智慧城市建设", "公共数据开放共享", "智慧停车建设", "农村电商服务体系"]),
        ("营商环境", ["营商环境优化", "政务服务效能提升", "涉企收费清理", "市场主体培育"]),
        ("公共服务", ["养老服务体系建设", "老旧小区改造", "公共文化设施建设", "城区停车秩序改善"]),
    ];

    private static readonly (Level Level, ProposalKind Kind)[] Sources =
        [(Level.Prefecture, ProposalKind.Suggestion), (Level.Prefecture, ProposalKind.Proposal), (Level.City, ProposalKind.Suggestion), (Level.City, ProposalKind.Proposal)];

    public static string Path =>
        Environment.GetEnvironmentVariable("PORTAL_PUBLIC_BENCH_DB") is { Length: > 0 } given
            ? System.IO.Path.GetFullPath(given)
            : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(BenchmarkSettings.DatabasePath)!, "public-10k-v1.db");

    public static async Task EnsureAsync(string path, TextWriter log)
    {
        if (File.Exists(path))
        {
            await using var existing = await PortalFixture.OpenAsync(path);
            await using var check = await existing.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            if (await check.Set<Reply>().CountAsync(r => r.PublishedAt != null) == Published)
            {
                return;
            }
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var fixture = await PortalFixture.OpenAsync(path);
        var factory = fixture.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var deadlines = new DeadlineCalculator(new DeadlineOptions(), WorkingDayCalendar.Empty);
        var options = new WorkflowOptions();

        Section section;
        StaffMember deputy, director, handler, officeMember;
        await using (var db = await factory.CreateDbContextAsync())
        {
            deputy = new StaffMember("副局长", StaffRoles.DeputyDirector);
            director = new StaffMember("局长", StaffRoles.Director);
            officeMember = new StaffMember("办公室", StaffRoles.Office);
            db.Staff.AddRange(deputy, director, officeMember);
            await db.SaveChangesAsync();
            section = new Section("能源科", deputy.Id);
            db.Sections.Add(section);
            await db.SaveChangesAsync();
            handler = new StaffMember("承办人", StaffRoles.SectionStaff, section.Id, "138-0000-0000");
            db.Staff.Add(handler);
            await db.SaveChangesAsync();
        }

        var office = Actor.For(officeMember, []);
        var boss = Actor.For(director, []);
        var reviewer = Actor.For(deputy, [section.Id]);
        var staff = Actor.For(handler, []);
        var random = new Random(20_261_128);
        var serials = new Dictionary<int, int>();
        var batch = new List<Proposal>();
        for (var i = 0; i < Published; i++)
        {
            var year = 2017 + i % 10;
            var (topic, subjects) = Catalog[random.Next(Catalog.Length)];
            var subject = subjects[random.Next(subjects.Length)];
            var (level, kind) = Sources[random.Next(Sources.Length)];
            var assigned = new DateOnly(year, 3, 1).AddDays(random.Next(60));
            WorkflowContext At(int days) => new(new DateTimeOffset(assigned.AddDays(days).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero),
                assigned.AddDays(days), options, deadlines);
            var p = Proposal.Register(new ProposalRegistration(year, kind, level, $"{year}年会议", i + 1, $"关于{subject}的{kind.ShortName()}", "正文",
                [new Proposer("提出人" + i, "139-0000-" + (i % 10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture))], [topic], assigned,
                HandlingRole.Lead), office, At(0));
            var serial = serials[year] = serials.GetValueOrDefault(year) + 1;
            var category = (ResultCategory)random.Next(3);
            Require(p.Accept(office, At(1)));
            Require(p.SetResponsibility(office, deputy, section, handler, null, At(2)));
            Require(p.LogCommunication(staff, CommunicationStage.Before, CommunicationMethod.Phone, assigned.AddDays(5), "提出人", "电话沟通", At(5)));
            Require(p.SaveDraft(staff, new ReplyDraft(category, Disclosure.Publish, null, Body(subject, random), null, null), At(20)));
            Require(p.SubmitForReview(staff, At(21)));
            Require(p.ApproveReview(reviewer, null, At(22)));
            Require(p.SignOff(boss, new DocumentNumber("楚市发改复", year, serial), At(25)));
            Require(p.Publish(office, At(26)));
            batch.Add(p);
            if (batch.Count == 1_000)
            {
                await SaveAsync(factory, batch);
            }
        }

        await SaveAsync(factory, batch);
        await log.WriteLineAsync($"  generated {Published:N0} published replies in {started.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>About 900 characters of reply text around the subject, varied by the seed.</summary>
    private static string Body(string subject, Random random)
    {
        string[] measures =
        [
            "加强与州级部门的汇报衔接,争取项目资金支持", "将相关项目纳入年度重点项目库统筹推进", "会同住建、自然资源等部门开展实地调研",
            "完善政策措施,优化审批流程,压缩办理时限", "推动社会资本参与建设运营", "建立工作台账,实行清单化管理", "加强要素保障,协调解决用地用能问题",
        ];
        var text = new StringBuilder($"您提出的《关于{subject}的提案》收悉。我局高度重视,现答复如下:\n");
        for (var k = 0; k < 12; k++)
        {
            text.Append(k + 1).Append('、').Append(measures[random.Next(measures.Length)]).Append(",持续推进").Append(subject)
                .Append("工作,确保取得实效。\n");
        }

        return text.Append("感谢您对发展改革工作的关心和支持。").ToString();
    }

    private static void Require(Domain.Result result)
    {
        if (!result.IsOk)
        {
            throw new InvalidOperationException(result.Error);
        }
    }

    private static async Task SaveAsync(IDbContextFactory<PortalDbContext> factory, List<Proposal> batch)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Proposals.AddRange(batch);
        await db.SaveChangesAsync();
        batch.Clear();
    }
}
