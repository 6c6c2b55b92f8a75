using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Domain.Notices;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Administration.Sections;
using ProposalPortal.Features.Notices;
using ProposalPortal.Features.Supervision;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Notices;

/// <summary>
/// The notices of the steps reach the handler, the deputy in charge and the director (and nobody else), and go out on
/// the channels each chose: email through a real SMTP server in this process, 企业微信 and 钉钉 robots through a local
/// HTTP listener. A channel that fails never fails the step: it is retried and listed for the administrator.
/// </summary>
public sealed class NoticeChannelTests : IAsyncLifetime
{
    private const string BaseUrl = "https://jyta.example.gov.cn";

    private TestSmtpServer _smtp = null!;
    private TestWebhookListener _robot = null!;
    private TestPortal _portal = null!;
    private Scenario _world = null!;

    public async Task InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        _robot = TestWebhookListener.Start();
        _portal = await TestPortal.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Public:BaseUrl"] = BaseUrl,
            ["Notices:Smtp:Host"] = "127.0.0.1",
            ["Notices:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notices:Smtp:Security"] = "None",
            ["Notices:Smtp:From"] = "portal@example.gov.cn",
            ["Notices:FirstRetrySeconds"] = "60",
            ["Notices:MaxAttempts"] = "3",
            ["Notices:DigestHour"] = "8",
            ["Notices:CommitmentDueSoonDays"] = "7",
        });
        _world = await Scenario.CreateAsync(_portal);
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _robot.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private NoticeOutbox Outbox => _portal.Get<NoticeOutbox>();

    private async Task<List<Notice>> NoticesAsync(int itemId)
    {
        await using var db = _portal.Db();
        return await db.Notices.AsNoTracking().Where(n => n.ProposalId == itemId).OrderBy(n => n.Id).ToListAsync();
    }

    private async Task ChooseAsync(Actor person, string? email, EmailMode mode, bool robot) =>
        Assert.True((await _portal.Scoped<NoticePreferencesService>().SaveAsync(person, email, mode, robot)).IsOk);

    private async Task SetRobotAsync(ProposalPortal.Domain.Organization.Section section, string url) =>
        Assert.True((await _portal.Scoped<SectionAdministration>().SetSectionRobotAsync(_world.Admin, section.Id, url)).IsOk);

    [Fact]
    public async Task EachStepReachesTheHandlerTheDeputyInChargeOrTheDirectorAndNobodyElse()
    {
        var item = await _world.ItemAsync(ProposalState.AwaitingSignOff);
        await _world.StepAsync(item.Id, _world.Director, (p, c) => p.SendBackFromSignOff(_world.Director, "请补充资金来源", c));

        var notices = await NoticesAsync(item.Id);
        Assert.Equal(
            [
                (_world.Handler.StaffId, NoticeKind.Assigned),
                (_world.Deputy.StaffId, NoticeKind.AwaitingReview),
                (_world.Director.StaffId, NoticeKind.AwaitingSignOff),
                (_world.Handler.StaffId, NoticeKind.SentBack),
            ],
            notices.Select(n => (n.RecipientId, n.Kind)));
        Assert.Contains("已交由您办理，办理时限为", notices[0].Text);
        Assert.Equal($"马局长在签发时退回了{item.Designation}《{item.Title}》的答复稿：请补充资金来源", notices[3].Text);

        // Evaluated 不满意: the reply went out under all three, so all three hear of it; the Office and the others do not.
        var replied = await _world.ItemAsync(ProposalState.Replied);
        var before = (await NoticesAsync(replied.Id)).Count;
        await _world.StepAsync(replied.Id, _world.Office,
            (p, c) => p.RecordEvaluation(_world.Office, Satisfaction.Unsatisfied, "未解决", enteredByStaff: true, c));
        var unsatisfied = (await NoticesAsync(replied.Id)).Skip(before).ToList();
        Assert.Equal([_world.Handler.StaffId, _world.Deputy.StaffId, _world.Director.StaffId], unsatisfied.Select(n => n.RecipientId));
        Assert.All(unsatisfied, n => Assert.Equal(NoticeKind.Unsatisfied, n.Kind));

        await using var db = _portal.Db();
        var strangers = new[] { _world.Office.StaffId, _world.OtherHandler.StaffId, _world.OtherDeputy.StaffId, _world.Admin.StaffId };
        Assert.False(await db.Notices.AnyAsync(n => strangers.Contains(n.RecipientId)));
    }

    [Fact]
    public async Task FiveDefinitionsThatStartHandlingInTheSameSaveTellTheHandlerOnce()
    {
        // 五定 on an accepted item starts handling in the same save (the flow): one 交办 notice, not one per step.
        var item = await _world.ItemAsync(ProposalState.Accepted);
        await _world.StepAsync(item.Id, _world.Office, (p, c) =>
            p.SetResponsibility(_world.Office, _world.Member(_world.Deputy), _world.Section, _world.Member(_world.Handler), null, c));
        Assert.Equal(ProposalState.InProgress, (await _world.FindAsync(item.Id)).State);

        var notice = Assert.Single(await NoticesAsync(item.Id));
        Assert.Equal((_world.Handler.StaffId, NoticeKind.Assigned), (notice.RecipientId, notice.Kind));
    }

    [Fact]
    public async Task AnAssignmentIsMailedThroughSmtpWithALinkToTheItem()
    {
        await ChooseAsync(_world.Handler, "handler@example.gov.cn", EmailMode.EachNotice, robot: false);
        var item = await _world.ItemAsync(ProposalState.InProgress);

        await Outbox.RunOnceAsync();

        var mail = await _smtp.NextAsync();
        Assert.Equal(["handler@example.gov.cn"], mail.To);
        Assert.Equal($"【建议提案】交办：{item.Designation}", mail.Subject);
        Assert.Contains($"{item.Designation}《{item.Title}》已交由您办理", mail.Body);
        Assert.Contains($"{BaseUrl}/proposals/{item.Id}", mail.Body);
        Assert.StartsWith("韩承办：", mail.Body);
    }

    [Fact]
    public async Task AWeComRobotGetsTheDocumentedTextMessageWithoutTheProposersPhone()
    {
        await SetRobotAsync(_world.Section, _robot.WeComUrl);
        await ChooseAsync(_world.Handler, null, EmailMode.Off, robot: true);
        var item = await _world.ItemAsync(ProposalState.InProgress);
        _robot.TryTake(out _);
        await Outbox.RunOnceAsync();
        var assigned = await _robot.NextAsync();
        Assert.StartsWith("/cgi-bin/webhook/send?key=test-key", assigned.PathAndQuery);

        // The chase quotes the proposer's phone: the handler's bell has it, the group does not.
        await _world.StepAsync(item.Id, _world.Office, (p, c) => p.Chase(_world.Office, "请尽快联系提案人甲（138-0000-0001）", c));
        await Outbox.RunOnceAsync();
        var chased = await _robot.NextAsync();

        using var json = JsonDocument.Parse(chased.Body);
        Assert.Equal("text", json.RootElement.GetProperty("msgtype").GetString());
        var content = json.RootElement.GetProperty("text").GetProperty("content").GetString()!;
        Assert.StartsWith($"【催办】韩承办：{item.Designation}《{item.Title}》被催办", content);
        Assert.Contains($"{BaseUrl}/proposals/{item.Id}", content);
        Assert.DoesNotContain("138", content);
        Assert.Contains("138-0000-0001", (await NoticesAsync(item.Id)).Last().Text);
        // Email was not chosen: nothing went to the mail server.
        Assert.Empty(_smtp.Pending);
    }

    [Fact]
    public async Task ADingTalkRobotOfTheItemsSectionTellsTheDeputyWhatWaitsForReview()
    {
        await SetRobotAsync(_world.Section, _robot.DingTalkUrl);
        await ChooseAsync(_world.Deputy, null, EmailMode.Off, robot: true);
        var item = await _world.ItemAsync(ProposalState.UnderReview);

        await Outbox.RunOnceAsync();

        var post = await _robot.NextAsync();
        Assert.StartsWith("/robot/send?access_token=test-token", post.PathAndQuery);
        using var json = JsonDocument.Parse(post.Body);
        Assert.Equal("text", json.RootElement.GetProperty("msgtype").GetString());
        Assert.StartsWith($"【待审核】牛副局长：{item.Designation}", json.RootElement.GetProperty("text").GetProperty("content").GetString());
        // The handler chose nothing but the bell: one post only.
        Assert.False(_robot.TryTake(out _));
    }

    [Fact]
    public async Task AFailingChannelIsRetriedAndListedForTheAdministratorWhileTheStepStands()
    {
        var closedPort = FreePort.Next();
        await using var downPortal = await TestPortal.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Notices:Smtp:Host"] = "127.0.0.1",
            ["Notices:Smtp:Port"] = closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notices:Smtp:Security"] = "None",
            ["Notices:FirstRetrySeconds"] = "60",
            ["Notices:MaxAttempts"] = "2",
        });
        var world = await Scenario.CreateAsync(downPortal);
        _robot.FailWith = HttpStatusCode.InternalServerError;
        Assert.True((await downPortal.Scoped<SectionAdministration>().SetSectionRobotAsync(world.Admin, world.Section.Id, _robot.WeComUrl)).IsOk);
        Assert.True((await downPortal.Scoped<NoticePreferencesService>().SaveAsync(world.Handler, "handler@example.gov.cn", EmailMode.EachNotice, true)).IsOk);

        // The step succeeds (the scenario asserts it) with both channels down.
        var item = await world.ItemAsync(ProposalState.InProgress);
        var outbox = downPortal.Get<NoticeOutbox>();
        await outbox.RunOnceAsync();
        await _robot.NextAsync();

        var admin = downPortal.Scoped<DeliveryAdministration>();
        var failed = (await admin.FailedAsync(world.Admin)).Value!;
        Assert.Equal(2, failed.Count);
        Assert.All(failed, f => Assert.Equal(1, f.Attempts));
        Assert.Contains(failed, f => f.Channel == DeliveryChannel.Email && f.RecipientName == "韩承办");
        Assert.Contains(failed, f => f.Channel == DeliveryChannel.WeCom && f.Error.Contains("500", StringComparison.Ordinal));
        Assert.All(failed, f => Assert.Equal(downPortal.Clock.Now.AddSeconds(60), f.NextAttemptAt));
        Assert.Equal(ProposalState.InProgress, (await world.FindAsync(item.Id)).State);
        // Only the administrator sees the list.
        Assert.Equal("只有系统管理员可以查看发送失败的提醒", (await admin.FailedAsync(world.Handler)).Error);

        // Not due yet: nothing is tried. Once the backoff has passed, each is tried again; the second failure gives up.
        Assert.Equal(0, await outbox.SendDueAsync());
        downPortal.Time.Advance(TimeSpan.FromSeconds(60));
        await outbox.SendDueAsync();
        await _robot.NextAsync();
        failed = (await admin.FailedAsync(world.Admin)).Value!;
        Assert.All(failed, f => Assert.True(f.GaveUp && f.Attempts == 2 && f.NextAttemptAt is null));

        // The robot is back; the administrator's 重试 sends it.
        _robot.FailWith = null;
        var robotDelivery = failed.Single(f => f.Channel == DeliveryChannel.WeCom);
        Assert.True((await admin.RetryAsync(world.Admin, robotDelivery.Id)).IsOk);
        Assert.Equal(1, await outbox.SendDueAsync());
        Assert.Contains(item.Designation, (await _robot.NextAsync()).Body);
        Assert.Equal([DeliveryChannel.Email], (await admin.FailedAsync(world.Admin)).Value!.Select(f => f.Channel));
    }

    [Fact]
    public async Task PreferencesAreHonouredAndABadAddressIsRefused()
    {
        var service = _portal.Scoped<NoticePreferencesService>();
        Assert.Equal("选择邮件提醒时须填写电子邮箱地址", (await service.SaveAsync(_world.Handler, " ", EmailMode.EachNotice, false)).Error);
        Assert.Equal("“handler at example”不是有效的电子邮箱地址", (await service.SaveAsync(_world.Handler, "handler at example", EmailMode.EachNotice, false)).Error);
        Assert.Equal(EmailMode.Off, (await service.GetAsync(_world.Handler)).EmailMode);

        // The deputy wants mail for each notice; the handler the daily digest only; the director the bell only.
        await ChooseAsync(_world.Deputy, "deputy@example.gov.cn", EmailMode.EachNotice, robot: false);
        await ChooseAsync(_world.Handler, "handler@example.gov.cn", EmailMode.DailyDigest, robot: false);
        await SetRobotAsync(_world.Section, _robot.WeComUrl);
        await _world.ItemAsync(ProposalState.AwaitingSignOff);

        await Outbox.RunOnceAsync();

        var mail = await _smtp.NextAsync();
        Assert.Equal(["deputy@example.gov.cn"], mail.To);
        Assert.Contains("待审核", mail.Subject);
        Assert.Empty(_smtp.Pending);
        Assert.False(_robot.TryTake(out _));
        await using var db = _portal.Db();
        Assert.Equal(1, await db.NoticeDeliveries.CountAsync());
    }

    [Fact]
    public async Task TheDailyDigestCollectsADaysNoticesIntoOneMail()
    {
        await ChooseAsync(_world.Handler, "handler@example.gov.cn", EmailMode.DailyDigest, robot: false);
        _portal.Time.Advance(TimeSpan.FromMinutes(1));
        var first = await _world.ItemAsync(ProposalState.InProgress);
        var second = await _world.ItemAsync(ProposalState.InProgress);
        await _world.StepAsync(first.Id, _world.Office, (p, c) => p.Chase(_world.Office, "请本周内答复", c));

        // 10:00: today's 08:00 digest time had passed before the choice, so nothing goes out until tomorrow's.
        await Outbox.RunOnceAsync();
        Assert.Empty(_smtp.Pending);
        _portal.Time.Advance(TimeSpan.FromHours(22) - TimeSpan.FromMinutes(2));
        await Outbox.RunOnceAsync();
        Assert.Empty(_smtp.Pending);

        _portal.Time.Advance(TimeSpan.FromMinutes(1));
        await Outbox.RunOnceAsync();
        var digest = await _smtp.NextAsync();
        Assert.Equal(["handler@example.gov.cn"], digest.To);
        Assert.Equal("【建议提案】每日提醒汇总：2026年11月29日，共3条", digest.Subject);
        Assert.Contains($"{first.Designation}《{first.Title}》已交由您办理", digest.Body);
        Assert.Contains($"{second.Designation}《{second.Title}》已交由您办理", digest.Body);
        Assert.Contains("请本周内答复", digest.Body);
        Assert.Contains($"{BaseUrl}/proposals/{second.Id}", digest.Body);

        // The next pass the same day sends no second digest.
        await Outbox.RunOnceAsync();
        Assert.Empty(_smtp.Pending);
    }

    [Fact]
    public async Task APromiseComingDueTellsTheHandlerOnce()
    {
        var item = await _world.ItemAsync(ProposalState.InProgress);
        var today = _portal.Clock.Today;
        await _world.StepAsync(item.Id, _world.Handler, (p, c) => p.AddCommitment(_world.Handler, "完成充电桩选址", null, null, today.AddDays(5), c));
        await _world.StepAsync(item.Id, _world.Handler, (p, c) => p.AddCommitment(_world.Handler, "明年建成", null, null, today.AddDays(200), c));
        var scanner = _portal.Get<DeadlineScanner>();

        await scanner.ScanAsync();
        await scanner.ScanAsync();

        var due = Assert.Single(await NoticesAsync(item.Id), n => n.Kind == NoticeKind.CommitmentDue);
        Assert.Equal(_world.Handler.StaffId, due.RecipientId);
        Assert.Equal($"{item.Designation}承诺的落实事项将于2026年12月3日到期（剩5天）：完成充电桩选址。请跟进落实。", due.Text);
    }

    [Fact]
    public async Task TheWorkerSendsAfterTheStepCommitsWithoutBeingAsked()
    {
        await ChooseAsync(_world.Handler, "handler@example.gov.cn", EmailMode.EachNotice, robot: false);
        var worker = ActivatorUtilities.CreateInstance<NoticeOutboxWorker>(_portal.Services);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var item = await _world.ItemAsync(ProposalState.InProgress);
            // Woken by the committed notice (the fake clock never moves here, so no poll could have sent it).
            var mail = await _smtp.NextAsync();
            Assert.Contains(item.Designation, mail.Subject);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
            worker.Dispose();
        }
    }

    [Fact]
    public async Task OnlyAnAdministratorSetsASectionsRobotAndOnlyToARobotsAddress()
    {
        var sections = _portal.Scoped<SectionAdministration>();
        Assert.Equal("只有系统管理员可以设置科室群机器人", (await sections.SetSectionRobotAsync(_world.Office, _world.Section.Id, _robot.WeComUrl)).Error);
        Assert.StartsWith("群机器人地址须为企业微信", (await sections.SetSectionRobotAsync(_world.Admin, _world.Section.Id, "https://example.com/hook")).Error);
        Assert.True((await sections.SetSectionRobotAsync(_world.Admin, _world.Section.Id, " https://oapi.dingtalk.com/robot/send?access_token=abc ")).IsOk);

        var row = (await sections.SectionsAsync(_world.Admin)).Value!.Single(s => s.Id == _world.Section.Id);
        Assert.Equal("https://oapi.dingtalk.com/robot/send?access_token=abc", row.RobotWebhookUrl);
        Assert.Equal("钉钉", SectionAdministration.RobotKindName(row.RobotWebhookUrl));
        Assert.True((await sections.SetSectionRobotAsync(_world.Admin, _world.Section.Id, "")).IsOk);
        Assert.Null((await sections.SectionsAsync(_world.Admin)).Value!.Single(s => s.Id == _world.Section.Id).RobotWebhookUrl);
    }
}
