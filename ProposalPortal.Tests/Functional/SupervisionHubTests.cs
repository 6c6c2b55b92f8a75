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

/// <summary>The app with two API keys: one that may read, one that may only import; without the demo data.</summary>
public sealed class SupervisionHubFactory : PortalFactory
{
    protected override bool Demo => false;

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
public sealed class SupervisionHubTests(SupervisionHubSite site) : IClassFixture<SupervisionHubSite>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static int _number = 700;

    private PortalFactory Factory => site.Factory;

    private Scenario Scenario => site.Scenario;

    /// <summary>A hub client signed in as <paramref name="user"/> through the login form (its cookie rides along).</summary>
    private async Task<(HubConnection Connection, Channel<SupervisionChange> Heard)> SignedInClientAsync(string user)
    {
        var cookies = new CookieContainer();
        HttpMessageHandler Handler() => new RedirectHandler { InnerHandler = new CookieContainerHandler(cookies) { InnerHandler = Factory.Server.CreateHandler() } };
        using (var http = new HttpClient(Handler()) { BaseAddress = Factory.Server.BaseAddress })
        {
            await HttpSignIn.SignInAsync(http, user, Scenario.AccountPassword);
        }

        return await ConnectAsync(o => o.HttpMessageHandlerFactory = _ => Handler());
    }

    private async Task<(HubConnection Connection, Channel<SupervisionChange> Heard)> ConnectAsync(Action<HttpConnectionOptions> configure,
        string query = "")
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Factory.Server.BaseAddress, SupervisionHub.Path + query), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => Factory.Server.CreateHandler();
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

    /// <summary>A new item in hand of <paramref name="handler"/>'s section, and the Office that chases it.</summary>
    private async Task<(Proposal Item, Actor Office)> ChaseableItemOfAsync(Actor handler)
    {
        var id = await Scenario.StartedItemAsync(Interlocked.Increment(ref _number), site.Portal.Clock.Today.AddDays(-5), handler: handler);
        return (await Scenario.FindAsync(id), Scenario.Office);
    }

    private async Task ChaseAsync(Proposal item, Actor office)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ProposalService>()
            .ChaseAsync(item.Id, item.Version, office, "请抓紧办理");
        Assert.True(result.IsOk, result.Error);
    }

    [Fact]
    public async Task TwoBoardClientsBothHearOfAChaseMadeThroughTheWorkflowAndReadItInTheirBoard()
    {
        var (director, directorHeard) = await SignedInClientAsync(ScenarioSite.Director);
        var (office, officeHeard) = await SignedInClientAsync(ScenarioSite.Office);
        await using var _ = director;
        await using var __ = office;
        var (item, officeActor) = await ChaseableItemOfAsync(Scenario.OtherHandler);

        await ChaseAsync(item, officeActor);

        var first = await NextAboutAsync(directorHeard, item.Id);
        var second = await NextAboutAsync(officeHeard, item.Id);
        Assert.Equal(SupervisionChangeKind.Chase, first.Kind);
        Assert.Equal($"{Scenario.Office.Name}催办：{item.Designation}", first.Summary);
        Assert.Equal(first.ProposalIds, second.ProposalIds);
        Assert.Equal(first.Summary, second.Summary);
        var board = await director.InvokeAsync<BoardSnapshot>(nameof(SupervisionHub.GetBoard), 0);
        Assert.Equal("全局", board.ScopeName);
        Assert.Contains(board.Activity, a => a.ProposalId == item.Id && a.Action == "催办" && a.Actor == Scenario.Office.Name);
        Assert.NotNull(board.Headline.CompletionRate);
    }

    [Fact]
    public async Task SectionStaffHearOnlyOfTheirOwnSectionAndTheirBoardHoldsOnlyIt()
    {
        var (rural, ruralHeard) = await SignedInClientAsync(ScenarioSite.OtherHandler); // the other section
        var (planning, planningHeard) = await SignedInClientAsync(ScenarioSite.Handler);  // the scenario's section
        await using var _ = rural;
        await using var __ = planning;
        var (item, office) = await ChaseableItemOfAsync(Scenario.OtherHandler);

        await ChaseAsync(item, office);

        await NextAboutAsync(ruralHeard, item.Id);
        // A later chase in the scenario's section is the marker: anything that section heard of the first chase would
        // have reached it first, through the same connection.
        var (marker, _) = await ChaseableItemOfAsync(Scenario.Handler);
        await ChaseAsync(marker, office);
        var heardBefore = await HeardBeforeAsync(planningHeard, marker.Id);
        Assert.DoesNotContain(heardBefore, c => c.ProposalIds.Contains(item.Id));

        var board = await planning.InvokeAsync<BoardSnapshot>(nameof(SupervisionHub.GetBoard), 0);
        Assert.Equal(Scenario.Section.Name, board.ScopeName);
        Assert.Null(board.Headline.CompletionRate); // the bureau's rates are not the section's to see
        Assert.All(board.Sections, s => Assert.Equal(Scenario.Section.Name, s.Section));
        Assert.All(board.Overdue.Concat(board.DueSoon), i => Assert.Equal(Scenario.Section.Name, i.Section));
        Assert.DoesNotContain(board.Activity, a => a.ProposalId == item.Id);
    }

    [Fact]
    public async Task AfterAChangeEachClientGetsTheNewFiguresOfItsOwnScopeOnly()
    {
        var (rural, _) = await SignedInClientAsync(ScenarioSite.OtherHandler); // the other section
        var (display, _) = await ConnectAsync(_ => { }, $"?access_token={SupervisionHubFactory.ReadKey}");
        await using var _ = rural;
        await using var __ = display;
        var ruralFigures = Figures(rural);
        var displayFigures = Figures(display);
        var (item, office) = await ChaseableItemOfAsync(Scenario.OtherHandler);
        var ruralSection = Scenario.OtherSection.Id;

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
        var (item, office) = await ChaseableItemOfAsync(Scenario.Handler);

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
        var scope = Factory.Services.CreateAsyncScope();
        var admin = await Scenario.AdminPastFirstSignInAsync();
        await using var db = site.Portal.Db();
        var staffId = await db.Staff.Where(s => s.Name == staffName).Select(s => s.Id).SingleAsync();
        return (scope.ServiceProvider, admin, staffId);
    }

    [Fact]
    public async Task DeactivatingAnAccountClosesItsOpenBoardConnectionAndItCannotConnectAgain()
    {
        var (energy, _) = await SignedInClientAsync(SupervisionHubSite.Energy);
        await using var _ = energy;
        var closed = ClosedAsync(energy);
        var (administration, admin, staffId) = await AdministrationAsync(SupervisionHubSite.EnergyName);

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
        var (economy, _) = await SignedInClientAsync(SupervisionHubSite.Economy);
        await using var _ = economy;
        var closed = ClosedAsync(economy);
        var (administration, admin, staffId) = await AdministrationAsync(SupervisionHubSite.EconomyName);

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
        var (price, _) = await SignedInClientAsync(SupervisionHubSite.Price); // of the scenario's section
        await using var _ = price;
        Assert.Equal(Scenario.Section.Name, (await price.InvokeAsync<BoardSnapshot>(nameof(SupervisionHub.GetBoard), 0)).ScopeName);
        var closed = ClosedAsync(price);
        var (administration, admin, staffId) = await AdministrationAsync(SupervisionHubSite.PriceName);
        var energySection = Scenario.OtherSection.Id;

        var result = await administration.GetRequiredService<StaffAdministration>().ChangeRolesAsync(admin, staffId, ProposalPortal.Domain.Organization.StaffRoles.SectionStaff, energySection);

        Assert.True(result.IsOk, result.Error);
        await closed;
        // The sign-in cookie still names the old section; the board follows the database.
        await price.StartAsync();
        Assert.Equal(Scenario.OtherSection.Name, (await price.InvokeAsync<BoardSnapshot>(nameof(SupervisionHub.GetBoard), 0)).ScopeName);
    }

    private const string ApiKeyHeader = ProposalPortal.Features.Api.ApiKeyAuthenticationHandler.HeaderName;
}

/// <summary>
/// <see cref="SupervisionHubFactory"/> with a <see cref="Scenario"/>: besides its people, three more section staff with
/// accounts, one for each test that deactivates, resets or moves someone.
/// </summary>
public sealed class SupervisionHubSite : ScenarioSite
{
    public const string Energy = "energy", Economy = "economy", Price = "price";
    public const string EnergyName = "孔承办", EconomyName = "严承办", PriceName = "施承办";

    protected override PortalFactory CreateFactory() => new SupervisionHubFactory();

    protected override async Task BuildAsync(Scenario scenario)
    {
        await scenario.AccountAsync(await scenario.HandlerAsync(EnergyName, scenario.OtherSection), Energy);
        await scenario.AccountAsync(await scenario.HandlerAsync(EconomyName, scenario.OtherSection), Economy);
        await scenario.AccountAsync(await scenario.HandlerAsync(PriceName, scenario.Section), Price);
    }
}
