using ProposalPortal.Data;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Demo;

/// <summary>The demo database reproduces the seed's 2022 figures exactly, computed by the statistics service from the data.</summary>
public abstract class DemoDataTests : IAsyncLifetime
{
    /// <summary>The database engine this run of the class uses (<see cref="ProviderPairs"/>).</summary>
    protected abstract DatabaseProvider Provider { get; }

    private TestPortal _portal = null!;

    public async Task InitializeAsync() => _portal = await TestPortal.StartAsync(provider: Provider, demo: true);

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [ProviderFact]
    public async Task The2022FiguresEqualTheSeed()
    {
        var f = await _portal.Scoped<StatisticsService>().GetYearFiguresAsync(2022);

        // "共收到州市人大代表议案建议和政协提案20件,其中,主办件13件(州人大代表建议2件,政协委员提案1件,市人大代表建议2件,
        // 市政协委员提案8件);协办件7件(市人大代表建议4件,州政协委员提案3件)"
        Assert.Equal(20, f.Received);
        Assert.Equal(13, f.Lead);
        Assert.Equal(7, f.Assisting);
        Assert.Equal(2, f.CountOf("州人大", HandlingRole.Lead));
        Assert.Equal(1, f.CountOf("州政协", HandlingRole.Lead));
        Assert.Equal(2, f.CountOf("市人大", HandlingRole.Lead));
        Assert.Equal(8, f.CountOf("市政协", HandlingRole.Lead));
        Assert.Equal(4, f.CountOf("市人大", HandlingRole.Assisting));
        Assert.Equal(3, f.CountOf("州政协", HandlingRole.Assisting));
        Assert.Equal(0, f.CountOf("州人大", HandlingRole.Assisting));
        Assert.Equal(0, f.CountOf("市政协", HandlingRole.Assisting));

        // "13件主办件已办结，办理类别为“A”类，办结率100%。同时通过政府门户网站进行了公开……满意率100%。"
        Assert.Equal(13, f.LeadClosed);
        Assert.Equal("100%", f.CompletionRate.ToString());
        Assert.Equal("100%", f.OnTimeRate.ToString());
        Assert.Equal(13, f.Categories[ResultCategory.A]);
        Assert.Equal(13, f.Published);
        Assert.Equal("100%", f.PublicationRate.ToString());
        Assert.Equal(13, f.Evaluated);
        Assert.Equal("100%", f.FinalSatisfaction.ToString());
        Assert.Equal("100%", f.FirstRoundSatisfaction.ToString());
        Assert.Equal(2, f.KeyItems);

        // "共召开局领导班子会研究3次，领导小组会议2次，职工会动员推进2次"
        Assert.Equal(3, f.Meetings[WorkMeetingKind.LeadershipTeam]);
        Assert.Equal(2, f.Meetings[WorkMeetingKind.LeadingGroup]);
        Assert.Equal(2, f.Meetings[WorkMeetingKind.StaffMobilization]);

        // "与去年相比，承办件数已翻一倍多"
        Assert.True(f.YearOverYearRatio > 2.0);
    }

    [ProviderFact]
    public async Task AllLeadItemsOf2022WereClosedBy10July()
    {
        await using var db = _portal.Db();
        var lead = await db.Proposals.Where(p => p.Year == 2022 && p.Role == HandlingRole.Lead).ToListAsync();

        Assert.Equal(13, lead.Count);
        Assert.All(lead, p => Assert.True(p.ClosedOn <= new DateOnly(2022, 7, 10), $"{p.Designation} closed {p.ClosedOn}"));
        Assert.All(lead, p => Assert.Equal(new DateOnly(2022, 7, 10), p.Deadline));
    }

    [ProviderFact]
    public async Task TheKeyProposalsAreTheSeeds()
    {
        await using var db = _portal.Db();
        var key = await db.Proposals.Include(p => p.Proposers).Where(p => p.Year == 2022 && p.IsKey).OrderBy(p => p.Number).ToListAsync();

        Assert.Collection(key,
            p =>
            {
                Assert.Equal("市政协十届一次会议第11号提案", p.Designation);
                Assert.Equal("关于加快楚雄市数字经济建设的提案", p.Title);
                Assert.Equal(["李春闻"], p.Proposers.OrderBy(x => x.Order).Select(x => x.Name));
            },
            p =>
            {
                Assert.Equal("市政协十届一次会议第199号提案", p.Designation);
                Assert.Equal("关于加快推进新能源汽车充电设施建设的提案", p.Title);
                Assert.Equal(["杞发荣", "徐彦"], p.Proposers.OrderBy(x => x.Order).Select(x => x.Name));
            });
    }

    [ProviderFact]
    public async Task The2022RepliesAreNumberedWithoutGaps()
    {
        await using var db = _portal.Db();
        var numbers = await db.Set<Reply>().Where(r => r.DocumentYear == 2022).OrderBy(r => r.DocumentSerial).Select(r => r.DocumentNumber).ToListAsync();

        Assert.Equal(Enumerable.Range(1, 13).Select(n => $"楚市发改复〔2022〕{n}号"), numbers);
    }

    [ProviderFact]
    public async Task EveryYearsReplyNumbersRunInTheOrderOfTheirSignOffsWithoutGaps()
    {
        await using var db = _portal.Db();
        var replies = (await db.Set<Reply>().AsNoTracking().Where(r => r.DocumentYear != null).ToListAsync())
            .OrderBy(r => r.SignedAt).ThenBy(r => r.DocumentSerial).ToList(); // two signed in the same minute: either order

        Assert.Equal([2021, 2022, TestPortal.DefaultNow.Year], replies.Select(r => r.DocumentYear!.Value).Distinct().Order());
        foreach (var year in replies.GroupBy(r => r.DocumentYear!.Value))
        {
            // In the order they were signed: 1, 2, 3 … and the dates on the letters never go back.
            Assert.Equal(Enumerable.Range(1, year.Count()), year.Select(r => r.DocumentSerial!.Value));
            var dates = year.Select(r => r.IssuedOn!.Value).ToList();
            Assert.Equal(dates.Order(), dates);
        }
    }

    [ProviderFact]
    public async Task EverySignedDemoReplyHasItsStoredLetterSignedWithTheDevelopmentCertificate()
    {
        await using var db = _portal.Db();
        var replies = await db.Set<Reply>().AsNoTracking().Where(r => r.Kind == ReplyKind.Letter && r.SignedAt != null).ToListAsync();
        var documents = await db.ReplyDocuments.AsNoTracking().ToListAsync();
        var certificate = _portal.Get<ProposalPortal.Features.Letters.SigningCertificate>();
        var letters = _portal.Scoped<ProposalPortal.Features.Letters.ReplyLetterService>();
        var office = await _portal.ActorAsync("尤四");

        Assert.Equal(6, replies.Count(r => r.DocumentYear == 2021));
        Assert.Equal(13, replies.Count(r => r.DocumentYear == 2022));
        Assert.True(replies.Count(r => r.DocumentYear == TestPortal.DefaultNow.Year) >= 4);
        Assert.Equal(replies.Count, documents.Count);
        Assert.True(certificate.IsDevelopment);
        foreach (var reply in replies)
        {
            var document = Assert.Single(documents, d => d.ReplyId == reply.Id);
            Assert.Equal(1, document.Version);
            Assert.Equal(reply.DocumentNumber, document.DocumentNumber);
            Assert.False(document.PrintsEvaluationLink);
            Assert.Equal(certificate.Current.Thumbprint, document.CertificateThumbprint);
            var (signed, signature) = ProposalPortal.Tests.Features.Letters.SignedLetterTests.SignedParts(document.Content);
            var cms = new System.Security.Cryptography.Pkcs.SignedCms(new System.Security.Cryptography.Pkcs.ContentInfo(signed), detached: true);
            cms.Decode(signature);
            cms.CheckSignature(verifySignatureOnly: true);
            var text = string.Concat(PdfInspection.Read(document.Content).Select(p => p.Text));
            Assert.Contains(reply.DocumentNumber!, text, StringComparison.Ordinal);
            Assert.Contains(ChineseDate.Format(reply.IssuedOn!.Value), text, StringComparison.Ordinal);

            // What the letter view, the API and (once published) the public page hand out, where they said 尚无已签发的答复函.
            Assert.Equal(document.Sha256, (await letters.SignedAsync(document.ProposalId, null, office))!.Sha256);
            if (reply.PublishedAt is not null)
            {
                Assert.Equal(document.Sha256, (await letters.PublishedAsync(reply.Id))!.Sha256);
            }
        }

        // On each item's record, as a sign-off in the portal writes it.
        var issued = await db.AuditEntries.AsNoTracking().Where(a => a.Action == Proposal.IssueLetterAction).ToListAsync();
        Assert.All(documents, d => Assert.Single(issued, a => a.ProposalId == d.ProposalId && a.Comment!.Contains(d.Sha256, StringComparison.Ordinal)));
    }

    [ProviderFact]
    public async Task TheCurrentYearLooksAliveWithItemsInEveryStateSomeLateAndAReopenedOne()
    {
        var year = _portal.Clock.Today.Year;
        await using var db = _portal.Db();
        var states = await db.Proposals.Where(p => p.Year == year).Select(p => p.State).Distinct().ToListAsync();
        var f = await _portal.Scoped<StatisticsService>().GetYearFiguresAsync(year);

        Assert.Superset(new HashSet<ProposalState>
        {
            ProposalState.Registered, ProposalState.Accepted, ProposalState.ReturnRequested, ProposalState.Returned,
            ProposalState.InProgress, ProposalState.Drafted, ProposalState.UnderReview, ProposalState.AwaitingSignOff,
            ProposalState.Replied, ProposalState.Evaluated, ProposalState.OpinionSent, ProposalState.Closed,
        }, states.ToHashSet());
        Assert.True(f.Overdue >= 1);
        Assert.True(f.DueSoon >= 1);
        Assert.True(await db.Proposals.AnyAsync(p => p.Year == year && p.ReopenRound == 1 && p.State == ProposalState.InProgress));
        Assert.True(await db.Proposals.AnyAsync(p => p.Year == year && p.IsKey && p.State == ProposalState.AwaitingSignOff));
    }

    [ProviderFact]
    public async Task SessionNamesFollowTheRealPattern()
    {
        await using var db = _portal.Db();
        var items = await db.Proposals.AsNoTracking().ToListAsync();
        var year = TestPortal.DefaultNow.Year;

        // 市政协十届一次会议, 州人大十一届一次会议: level and body as the item's, then 届 and 次 in Chinese numerals.
        Assert.All(items, p => Assert.Matches(
            $"^{Labels.SourceName(p.Level, p.Kind)}[一二三四五六七八九十]+届[一二三四五]次会议$", p.Session));
        string[] Sessions(int y, Level level) => [.. items.Where(p => p.Year == y && p.Level == level).Select(p => p.Session).Distinct().Order()];
        Assert.Equal(["市人大九届五次会议", "市政协九届五次会议"], Sessions(2021, Level.City));
        Assert.Equal(["州人大十届五次会议", "州政协十届五次会议"], Sessions(2021, Level.Prefecture));
        Assert.Equal(["市人大十届一次会议", "市政协十届一次会议"], Sessions(2022, Level.City));
        Assert.Equal(["州人大十一届一次会议", "州政协十一届一次会议"], Sessions(2022, Level.Prefecture));
        // 2026 is the fifth year of both terms that began in 2022.
        Assert.Equal(2026, year);
        Assert.Equal(["市人大十届五次会议", "市政协十届五次会议"], Sessions(year, Level.City));
        Assert.Equal(["州政协十一届五次会议"], Sessions(year, Level.Prefecture));
    }

    [ProviderFact]
    public async Task EveryDayTheDemoRecordsIsAWorkingDay()
    {
        await using var db = _portal.Db();
        var calendar = new WorkingDayCalendar(await db.CalendarDays.AsNoTracking().ToListAsync());
        var items = await db.Proposals.AsNoTracking().Include(p => p.Communications).ToListAsync();
        var replies = await db.Set<Reply>().AsNoTracking().ToListAsync();
        var audit = await db.AuditEntries.AsNoTracking().ToListAsync();
        var meetings = await db.WorkMeetings.AsNoTracking().ToListAsync();
        var days = items.Select(p => ("交办", p.AssignedOn))
            .Concat(items.Where(p => p.ClosedOn is not null).Select(p => ("办结", p.ClosedOn!.Value)))
            .Concat(items.SelectMany(p => p.Communications).Select(c => ("沟通", c.Date)))
            .Concat(replies.Where(r => r.IssuedOn is not null).Select(r => ("签发", r.IssuedOn!.Value)))
            .Concat(audit.Select(a => ("记录", _portal.Clock.LocalDate(a.At))))
            .Concat(meetings.Select(m => ("会议", m.Date)))
            .ToList();

        // Enough to matter: 2021, 2022 and this year's items with every step they took.
        Assert.True(days.Count > 200, $"{days.Count} days");
        Assert.True(calendar.HasDataFor(2022));
        Assert.All(days, d => Assert.True(calendar.IsWorkingDay(d.Item2), $"{d.Item1} {ChineseDate.Format(d.Item2)} ({d.Item2.DayOfWeek})"));
    }

    [ProviderFact]
    public async Task InventedPhoneNumbersLookInvented()
    {
        await using var db = _portal.Db();
        var phones = await db.Set<Proposer>().Select(p => p.Phone).Concat(db.Staff.Select(s => s.Phone)).ToListAsync();

        Assert.All(phones, p => Assert.StartsWith("138-0000-", p));
    }

    [ProviderFact]
    public async Task ASecondStartKeepsTheDataAndAddsNothing()
    {
        await using var db = _portal.Db();
        var before = await db.Proposals.CountAsync();

        await _portal.Get<ProposalPortal.Data.DatabaseInitializer>().InitializeAsync();

        Assert.Equal(before, await db.Proposals.CountAsync());
    }

    [ProviderFact]
    public async Task DemoItemsKeepTheFirstContactDeadline()
    {
        await using var db = _portal.Db();
        var items = await db.Proposals.Include(p => p.Communications)
            .Where(p => p.Role == HandlingRole.Lead && p.Communications.Any()).ToListAsync();

        Assert.NotEmpty(items);
        Assert.All(items, p => Assert.True(p.Communications.Min(c => c.Date) <= p.FirstContactDueOn,
            $"{p.Designation}: first contact {p.Communications.Min(c => c.Date)} after {p.FirstContactDueOn}"));
    }
}

/// <summary><see cref="DemoDataTests"/> on SQLite.</summary>
public sealed class DemoDataTestsOnSqlite : DemoDataTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary><see cref="DemoDataTests"/> on PostgreSQL.</summary>
public sealed class DemoDataTestsOnPostgreSql : DemoDataTests, IPostgreSqlTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
