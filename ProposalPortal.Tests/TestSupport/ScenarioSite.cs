namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// The real app over HTTP as a bureau installs it (no demo data, <see cref="RealDeploymentFactory"/>), with a
/// <see cref="TestSupport.Scenario"/> built beside it in the same folder and database, and a sign-in account for each of
/// the scenario's people: for full-app tests that name nobody from the demo data.
/// </summary>
public class ScenarioSite : IAsyncLifetime
{
    private PortalFactory? _factory;

    /// <summary>The app, as <see cref="CreateFactory"/> makes it (a real deployment by default).</summary>
    public PortalFactory Factory => _factory ??= CreateFactory();

    /// <summary>The app a class needs (its own settings); it must start without the demo data.</summary>
    protected virtual PortalFactory CreateFactory() => new RealDeploymentFactory();

    /// <summary>The services the scenario is built with, over the app's own database file (and its keys and certificate folder).</summary>
    public TestPortal Portal { get; private set; } = null!;

    public Scenario Scenario { get; private set; } = null!;

    /// <summary>The account names of the scenario's people.</summary>
    public const string Director = "director", Deputy = "deputy", Office = "office", Handler = "handler", OtherHandler = "otherhandler";

    /// <summary>
    /// The administrator's account: the one the portal was installed with, past its first password change and with
    /// <see cref="Scenario.AccountPassword"/> like the others.
    /// </summary>
    public const string Admin = "admin";

    public async Task InitializeAsync()
    {
        // The app starts first and makes its database; the scenario's portal then opens the same file.
        _ = Factory.Services;
        Portal = await TestPortal.StartAsync(folder: Factory.Folder);
        Scenario = await Scenario.CreateAsync(Portal);
        foreach (var (person, user) in new[]
                 {
                     (Scenario.Director, Director), (Scenario.Deputy, Deputy), (Scenario.Office, Office),
                     (Scenario.Handler, Handler), (Scenario.OtherHandler, OtherHandler),
                 })
        {
            await Scenario.AccountAsync(person, user);
        }

        await Scenario.AdminPastFirstSignInAsync(Scenario.AccountPassword);

        await BuildAsync(Scenario);
    }

    /// <summary>Drives items of the scenario's section through the app, its people acting (see <see cref="ItemDriver"/>).</summary>
    public ItemDriver Driver => new(Factory.Services, new ItemDriver.Accounts(Office, Handler, Deputy, Director, Scenario.Section.Name));

    /// <summary>The items a test class's world needs, built once for the class (none by default).</summary>
    protected virtual Task BuildAsync(Scenario scenario) => Task.CompletedTask;

    /// <summary>A client of the app signed in as <paramref name="user"/> (one of the account names above).</summary>
    public async Task<HttpClient> SignedInClientAsync(string user)
    {
        var client = Factory.CreateClient();
        await HttpSignIn.SignInAsync(client, user, Scenario.AccountPassword);
        return client;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Portal.DisposeAsync();
    }
}
