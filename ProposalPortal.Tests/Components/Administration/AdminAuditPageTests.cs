using System.Security.Cryptography.X509Certificates;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Administration.Audit;
using ProposalPortal.Features.Letters;
using ProposalPortal.Tests.TestSupport;
using SigningPage = ProposalPortal.Features.Administration.Signing;

namespace ProposalPortal.Tests.Components.Administration;

/// <summary>管理操作记录 as the administrator uses it: newest first, narrowed by who, action, dates and target, and checked.</summary>
public sealed class AdminAuditPageTests : PortalBunitContext
{
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;
    private string _adminName = null!;

    public override async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync(now: TestPortal.DefaultNow.AddDays(-2));
        var admin = await (await Scenario.CreateAsync(Portal)).AdminPastFirstSignInAsync();
        _adminName = admin.Name;
        await SignInAsync(Portal, admin.Name, PortalRoles.Admin);
        _popovers = Render<MudPopoverProvider>();

        // Three days of records: 26, 27 and 28 November 2026.
        var log = Portal.Get<AdminAuditLog>();
        await log.RecordAsync(admin, AdminActions.ResetPassword, "账号 lvqi（吕七）", "下次登录须修改密码：否", "下次登录须修改密码：是");
        Portal.Time.Advance(TimeSpan.FromDays(1));
        await log.RecordAsync(admin, AdminActions.Deactivate, "人员 林承办（编号8）", "状态：在职", "状态：已停用");
        Portal.Time.Advance(TimeSpan.FromDays(1));
        await log.RecordAsync(AdminAuditLog.CommandLineActor, AdminActions.Backup, "备份文件 portal-20261128.zip", null, "12.3 MB");
    }

    [Fact]
    public void AllRecordsAreListedNewestFirstWithBeforeAndAfter()
    {
        var cut = Render<AdminAudit>();

        cut.WaitForAssertion(() => Assert.Equal(["备份", "停用人员", "重置密码"], Column(cut, 2)));
        Assert.Equal(["2026年11月28日 10:00:00", "2026年11月27日 10:00:00", "2026年11月26日 10:00:00"], Column(cut, 0));
        Assert.Equal(["—", "状态：在职", "下次登录须修改密码：否"], Column(cut, 4));
        Assert.Equal(["12.3 MB", "状态：已停用", "下次登录须修改密码：是"], Column(cut, 5));
        Assert.Contains("共3条记录", cut.Find("[data-testid=audit-count]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTargetFilterFindsAPersonByName()
    {
        var cut = Render<AdminAudit>();

        Type(cut, "filter-target", "吕七");
        Search(cut);

        cut.WaitForAssertion(() => Assert.Equal(["账号 lvqi（吕七）"], Column(cut, 3)));
    }

    [Fact]
    public void TheActorFilterFindsWhoActed()
    {
        var cut = Render<AdminAudit>();

        Type(cut, "filter-actor", "命令行");
        Search(cut);

        cut.WaitForAssertion(() => Assert.Equal(["命令行"], Column(cut, 1)));
    }

    [Fact]
    public void TheActionFilterListsOneKindOfAction()
    {
        var cut = Render<AdminAudit>();
        cut.WaitForAssertion(() => Assert.Equal(3, Column(cut, 2).Count));

        cut.Find("#filter-action").Closest(".mud-input-control")!.MouseDown();
        _popovers.WaitForAssertion(() => Assert.Contains("停用人员", _popovers.FindAll(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim())));
        _popovers.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == "停用人员").Click();
        Search(cut);

        cut.WaitForAssertion(() => Assert.Equal(["停用人员"], Column(cut, 2)));
    }

    [Fact]
    public void TheDateRangeIncludesBothWholeDays()
    {
        var cut = Render<AdminAudit>();

        Type(cut, "filter-from", "2026-11-26");
        Type(cut, "filter-to", "2026-11-27");
        Search(cut);

        cut.WaitForAssertion(() => Assert.Equal(["停用人员", "重置密码"], Column(cut, 2)));
    }

    [Fact]
    public void ARangeThatEndsBeforeItStartsIsRefusedInWords()
    {
        var cut = Render<AdminAudit>();

        Type(cut, "filter-from", "2026-11-28");
        Type(cut, "filter-to", "2026-11-26");
        Search(cut);

        cut.WaitForAssertion(() => Assert.Equal("起始日期不能晚于截止日期", cut.Find("[data-testid=audit-error]").TextContent.Trim()));
    }

    [Fact]
    public void VerificationReportsBothTrailsIntact()
    {
        var cut = Render<AdminAudit>();

        cut.Find("[data-testid=audit-verify]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=verification]").Count));
        var texts = cut.FindAll("[data-testid=verification]").Select(a => a.TextContent).ToList();
        Assert.All(texts, t => Assert.Contains("哈希链完整", t, StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("管理操作记录：共3条记录", StringComparison.Ordinal));
    }

    [Fact]
    public void ACertificateUploadIsOnTheRecordWithTheOldAndNewCertificate()
    {
        var old = Portal!.Get<SigningCertificate>().Current.Thumbprint;
        using var bureau = X509CertificateLoader.LoadPkcs12(
            SigningCertificate.CreateDevelopmentCertificate(Portal.Time.GetUtcNow(), "楚雄市发展和改革局"), string.Empty, X509KeyStorageFlags.Exportable);
        var signing = Render<SigningPage>();
        signing.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bureau.Export(X509ContentType.Pkcs12, "Bureau@1"), "bureau.pfx"));
        signing.Find("input[data-testid=certificate-password], [data-testid=certificate-password] input").Change("Bureau@1");
        signing.WaitForAssertion(() => Assert.False(signing.Find("[data-testid=certificate-upload]").HasAttribute("disabled")));
        signing.Find("[data-testid=certificate-upload]").Click();
        signing.WaitForAssertion(() => Assert.Contains(bureau.Thumbprint, signing.Find("[data-testid=certificate]").TextContent, StringComparison.Ordinal));

        var cut = Render<AdminAudit>();

        cut.WaitForAssertion(() => Assert.Equal("上传签章证书", Column(cut, 2)[0]));
        Assert.Contains(old, Column(cut, 4)[0], StringComparison.Ordinal);
        Assert.Contains(bureau.Thumbprint, Column(cut, 5)[0], StringComparison.Ordinal);
        Assert.Equal(_adminName, Column(cut, 1)[0]);
    }

    private static List<string> Column(IRenderedComponent<AdminAudit> cut, int index) =>
        [.. cut.FindAll("[data-testid=audit-entry]").Select(row => row.QuerySelectorAll("td")[index].TextContent.Trim())];

    private static void Type(IRenderedComponent<AdminAudit> cut, string testId, string text) =>
        cut.Find($"input[data-testid={testId}], [data-testid={testId}] input").Change(text);

    private static void Search(IRenderedComponent<AdminAudit> cut) => cut.Find("[data-testid=audit-search]").Click();
}
