using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Administration.Accounts;
using ProposalPortal.Features.Administration.Staff;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Supervision;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>The app with two API keys: one that may read, one that may only import.</summary>
public sealed class SupervisionHubFactory : PortalFactory
{
    public const string ReadKey = "board-read-key-0123456789";
    public const string ImportOnlyKey = "import-only-key-0123456789";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:Keys:0:Key", ReadKey);
        builder.UseSetting("Api:Keys:0:Name", "会议室大屏");
        builder.UseSetting("Api:Keys:0:Scopes:0", "read");
        builder.UseSetting("Api:Keys:1:Key", ImportOnlyKey);
        builder.UseSetting("Api:Keys:1:Name", "导入程序");
        builder.UseSetting("Api:Keys:1:Scopes:0", "import");
        builder.UseSetting("Supervision:DeadlineMonitorEnabled", "false");
    }
}

/// <summary>
/// /hubs/supervision over the real app: changes made through the workflow reach every authorized client, section
/// staff hear only of their section, and callers without a board role or read key are refused.
/// </summary>
public sealed class SupervisionHubTests(SupervisionHubFactory factory) : IClassFixture<SupervisionHubFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>A hub client signed in as <paramref name="user"/> through the login form (its cookie rides along).</summary>
    private async Task<(HubConnection Connection, Channel<SupervisionChange> Heard)> SignedInClientAsync(string user)
    {
        var cookies = new CookieContainer();
        HttpMessageHandler Handler() => new RedirectHandler { InnerHandler = new CookieContainerHandler(cookies) { InnerHandler = factory.Server.CreateHandler() } };
        using (var http = new HttpClient(Handler()) { BaseAddress = factory.Server.BaseAddress })
        {
            await HttpSignIn.SignInAsync(http, user);
        }

        return await ConnectAsync(o => o.HttpMessageHandlerFactory = _ => Handler());
    }

    private async Task<(HubConnection Connection, Channel<SupervisionChange> Heard)> ConnectAsync(Action<HttpConnectionOptions> configure,
        string query = "")
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, SupervisionHub.Path + query), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                configure(o);
            })
            .Build();
        var heard = Channel.CreateUnbounded<SupervisionChange>();
        connection.On<SupervisionChange>(SupervisionHub.ChangedMethod, c => heard.Writer.TryWrite(c));
        await connection.StartAsync();
        return (connection, heard);
    }

    private static async Task<SupervisionChange> NextAboutAsync(Channel<SupervisionChange> heard, int proposalId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var change = await heard.Reader.ReadAsync(timeout.Token);
            if (change.ProposalIds.Contains(proposalId))
            {
                return change;
            }
        }
    }

    /// <summary>Everything heard before the first change about <paramref name="markerId"/>, once that has arrived.</summary>
    private static async Task<List<SupervisionChange>> HeardBeforeAsync(Channel<SupervisionChange> heard, int markerId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var before = new List<SupervisionChange>();
        while (await heard.Reader.ReadAsync(timeout.Token) is var change && !change.ProposalIds.Contains(markerId))
        {
            before.Add(change);
        }

        return before;
    }

    private async Task<(Proposal Item, Actor Office)> ChaseableItemOfAsync(string sectionName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var section = await db.Sections.SingleAsync(s => s.Name == sectionName);
        var id = await db.Proposals
            .Where(p => p.Responsibility != null && p.Responsibility.SectionId == section.Id && p.State == ProposalState.InProgress)
            .Select(p => p.Id).FirstAsync();
        var office = Actor.For(await db.Staff.SingleAsync(s => s.Name == "尤四"), []);
        var item = await scope.ServiceProvider.GetRequiredService<ProposalService>().FindAsync(id, office);
        return (item!, office);
    }

    private async Task ChaseAsync(Proposal item, Actor office)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ProposalService>()
            .ChaseAsync(item.Id, item.Version, office, "请抓紧办理");
        Assert.True(result.IsOk, result.Error);
    }

    [Fact]
    public async Task TwoBoardClientsBothHearOfAChaseMadeThroughTheWorkflowAndReadItInTheirBoard()
    {
        var (director, directorHeard) = await SignedInClientAsync("yangyi");
        var (office, officeHeard) = await SignedInClientAsync("yousi");
        await using var _ = director;
        await using var __ = office;
        var (item, officeActor) = await ChaseableItemOfAsync("农村经济科");

        await ChaseAsync(item, officeActor);

        var first = await NextAboutAsync(directorHeard, item.Id);
        var second = await NextAboutAsync(officeHeard, item.Id);
        Assert.Equal(SupervisionChangeKind.Chase, first.Kind);
        Assert.Equal($"尤四催办：{item.Designation}", first.Summary);
        Assert.Equal(first.ProposalIds, second.ProposalIds);
        Assert.Equal(first.Summary, second.Summary);
        var board = await director.InvokeAsync<BoardSnapshot>(nameof(SupervisionHub.GetBoard), 0);
        Assert.Equal("全局", board.ScopeName);
        Assert.Contains(board.Activity, a => a.ProposalId == item.Id && a.Action == "催办" && a.Actor == "尤四");
        Assert.NotNull(board.Headline.CompletionRate);
    }

    [Fact]
    public async Task SectionStaffHearOnlyOfTheirOwnSectionAndTheirBoardHoldsOnlyIt()
    {
        var (rural, ruralHeard) = await SignedInClientAsync("caoshi");     // 曹十, 农村经济科
        var (planning, planningHeard) = await SignedInClientAsync("heliu"); // 何六, 发展规划科
        await using var _ = rural;
        await using var __ = planning;
        var (item, office) = await ChaseableItemOfAsync("农村经济科");

        await ChaseAsync(item, office);

        await NextAboutAsync(ruralHeard, item.Id);
        // A later chase in 发展规划科 is the marker: anything 发展规划科 heard of the first chase would have reached it
        // first, through the same connection.
        var (marker, _) = await ChaseableItemOfAsync("发展规划科");
        await ChaseAsync(marker, office);
        var heardBefore = await HeardBeforeAsync(planningHeard, marker.Id);
        Assert.DoesNotContain(heardBefore, c => c.ProposalIds.Contains(item.Id));

        var board = await planning.InvokeAsync<BoardSnapshot>(nameof(SupervisionHub.GetBoard), 0);
        Assert.Equal("发展规划科", board.ScopeName);
        Assert.Null(board.Headline.CompletionRate); // the bureau's rates are not the section's to see
        Assert.All(board.Sections, s => Assert.Equal("发展规划科", s.Section));
        Assert.All(board.Overdue.Concat(board.DueSoon), i => Assert.Equal("发展规划科", i.Section));
        Assert.DoesNotContain(board.Activity, a => a.ProposalId == item.Id);
    }

    [Fact]
    public async Task AfterAChangeEachClientGetsTheNewFiguresOfItsOwnScopeOnly()
    {
        var (rural, _) = await SignedInClientAsync("caoshi");     // 曹十, 农村经济科
        var (display, _) = await ConnectAsync(_ => { }, $"?access_token={SupervisionHubFactory.ReadKey}");
        await using var _ = rural;
        await using var __ = display;
        var ruralFigures = Figures(rural);
        var displayFigures = Figures(display);
        var (item, office) = await ChaseableItemOfAsync("农村经济科");
        int ruralSection;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            ruralSection = (await db.Sections.SingleAsync(s => s.Name == "农村经济科")).Id;
        }

        await ChaseAsync(item, office);

        using var timeout = new CancellationTokenSource(Patience);
        var sectionFigures = await ruralFigures.Reader.ReadAsync(timeout.Token);
        var bureauFigures = await displayFigures.Reader.ReadAsync(timeout.Token);
        Assert.Equal(ruralSection, sectionFigures.SectionId);
        Assert.Null(sectionFigures.Headline.CompletionRate); // the bureau's rates are not the section's to see
        Assert.Null(bureauFigures.SectionId);
        Assert.NotNull(bureauFigures.Headline.CompletionRate);
        // The figures are those of the snapshot the client then reads: one computation serves both.
        var board = await display.InvokeAsync<BoardSnapshot>(nameof(SupervisionHub.GetBoard), 0);
        Assert.Equal(board.Headline, bureauFigures.Headline);
        Assert.Contains(board.Activity, a => a.ProposalId == item.Id);
    }

    private static Channel<BoardFigures> Figures(HubConnection connection)
    {
        var figures = Channel.CreateUnbounded<BoardFigures>();
        connection.On<BoardFigures>(SupervisionHub.FiguresMethod, f => figures.Writer.TryWrite(f));
        return figures;
    }

    [Fact]
    public async Task AnonymousCallersAndKeysWithoutTheReadScopeAreRefused()
    {
        var anonymous = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(_ => { }));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var wrongKey = await Assert.ThrowsAsync<HttpRequestException>(() =>
            ConnectAsync(o => o.Headers[ApiKeyHeader] = "not-a-key"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);

        var importOnly = await Assert.ThrowsAsync<HttpRequestException>(() =>
            ConnectAsync(o => o.Headers[ApiKeyHeader] = SupervisionHubFactory.ImportOnlyKey));
        Assert.Equal(HttpStatusCode.Forbidden, importOnly.StatusCode);
    }

    [Fact]
    public async Task AReadKeyAsAQueryParameterSubscribesADisplayWithoutSigningIn()
    {
        var (display, heard) = await ConnectAsync(_ => { }, $"?access_token={SupervisionHubFactory.ReadKey}");
        await using var _ = display;
        var (item, office) = await ChaseableItemOfAsync("能源科");

        await ChaseAsync(item, office);

        Assert.Equal(SupervisionChangeKind.Chase, (await NextAboutAsync(heard, item.Id)).Kind);
        var board = await display.InvokeAsync<BoardSnapshot>(nameof(SupervisionHub.GetBoard), 0);
        Assert.Equal("全局", board.ScopeName);
    }

    /// <summary>Completes when the client sees its connection closed (by the server, here).</summary>
    private static Task ClosedAsync(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task.WaitAsync(Patience);
    }

    private async Task<(IServiceProvider Services, Actor Admin, int StaffId)> AdministrationAsync(string staffName)
    {
        var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var admin = Actor.For(await db.Staff.SingleAsync(s => s.Name == "许五"), []);
        var staffId = await db.Staff.Where(s => s.Name == staffName).Select(s => s.Id).SingleAsync();
        return (scope.ServiceProvider, admin, staffId);
    }

    [Fact]
    public async Task DeactivatingAnAccountClosesItsOpenBoardConnectionAndItCannotConnectAgain()
    {
        var (energy, _) = await SignedInClientAsync("kongjiu"); // 孔九, 能源科
        await using var _ = energy;
        var closed = ClosedAsync(energy);
        var (administration, admin, staffId) = await AdministrationAsync("孔九");

        var result = await administration.GetRequiredService<StaffAdministration>().DeactivateAsync(admin, staffId);

        Assert.True(result.IsOk, result.Error);
        await closed;
        Assert.Equal(HubConnectionState.Disconnected, energy.State);
        // The same cookie no longer yields a board: the hub drops the connection or refuses the call.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await energy.StartAsync();
            await energy.InvokeAsync<BoardSnapshot>(nameof(SupervisionHub.GetBoard), 0);
        });
    }

    [Fact]
    public async Task AnAdministratorsPasswordResetClosesTheConnectionAndTheOldCookieGetsNoBoard()
    {
        var (economy, _) = await SignedInClientAsync("yanshiyi"); // 严十一, 经济运行科
        await using var _ = economy;
        var closed = ClosedAsync(economy);
        var (administration, admin, staffId) = await AdministrationAsync("严十一");

        var result = await administration.GetRequiredService<AccountAdministration>().ResetPasswordAsync(admin, staffId, "Reset@2026x");

        Assert.True(result.IsOk, result.Error);
        await closed;
        // The cookie predates the reset and carries no must-change mark: the database refuses the board all the same.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await economy.StartAsync();
            await economy.InvokeAsync<BoardSnapshot>(nameof(SupervisionHub.GetBoard), 0);
        });
    }

    [Fact]
    public async Task MovingSomeoneToAnotherSectionClosesTheirConnectionAndTheNextOneSeesTheNewSection()
    {
        var (price, _) = await SignedInClientAsync("shiba"); // 施八, 价格管理科
        await using var _ = price;
        Assert.Equal("价格管理科", (await price.InvokeAsync<BoardSnapshot>(nameof(SupervisionHub.GetBoard), 0)).ScopeName);
        var closed = ClosedAsync(price);
        var (administration, admin, staffId) = await AdministrationAsync("施八");
        int energySection;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            energySection = await db.Sections.Where(s => s.Name == "能源科").Select(s => s.Id).SingleAsync();
        }

        var result = await administration.GetRequiredService<StaffAdministration>().ChangeRolesAsync(admin, staffId, ProposalPortal.Domain.Organization.StaffRoles.SectionStaff, energySection);

        Assert.True(result.IsOk, result.Error);
        await closed;
        // The sign-in cookie still names the old section; the board follows the database.
        await price.StartAsync();
        Assert.Equal("能源科", (await price.InvokeAsync<BoardSnapshot>(nameof(SupervisionHub.GetBoard), 0)).ScopeName);
    }

    private const string ApiKeyHeader = ProposalPortal.Features.Api.ApiKeyAuthenticationHandler.HeaderName;
}
