using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor;
using MudBlazor.Services;
using ProposalPortal.Data;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Statistics;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Api;
using ProposalPortal.Features.Backup;
using ProposalPortal.Features.Common;
using ProposalPortal.Components;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Nodes;
using ProposalPortal.Features.Organization;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Proposals.Attachments;
using ProposalPortal.Features.Proposals.UseCases;
using ProposalPortal.Features.Publication;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Features.Supervision;

namespace ProposalPortal;

/// <summary>Everything the portal registers, so that Program.cs reads in a glance.</summary>
public static class PortalServices
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Rules the Admin changed in the portal override the files and the environment (办理规则).
        ((IConfigurationBuilder)builder.Configuration).Add(new ProposalPortal.Features.Administration.RuleSettingsConfigurationSource(
            ResolveConnectionString(builder.Configuration, builder.Environment.ContentRootPath), DatabaseOptions.ProviderOf(builder.Configuration)));
        services.AddPortalCore(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddPortalAccounts();
        services.AddPortalApiKeys(builder.Configuration);
        services.AddPortalWebSecurity(builder.Configuration);
        services.AddOpenApi();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddPublicPages();
        services.AddErrorResponses();
        services.AddMudServices(c => c.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.TopCenter);
        services.AddLocalization();
        services.AddTransient<MudLocalizer, ChineseMudLocalizer>();
        // Chinese text goes out as text, not as &#x...; escapes: readable pages, smaller responses.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        services.AddPortalSupervision(builder.Configuration);
        services.AddPortalHealth(builder.Configuration);
        services.AddHostedService<UnsafeSettingsWarning>();
        return builder;
    }

    /// <summary>
    /// Live boards: the SignalR hub (policy <see cref="PortalPolicies.BoardReader"/>), the relay from the notifier to
    /// the hub, and the deadline monitor. With several nodes the hub's messages travel over the Redis backplane.
    /// </summary>
    public static IServiceCollection AddPortalSupervision(this IServiceCollection services, IConfiguration config)
    {
        services.AddSignalR().AddPortalBackplane(config);
        // A hub client is a program, not a browser: it gets 401/403, not a redirect to the sign-in page.
        services.PostConfigure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, cookie =>
        {
            var toLogin = cookie.Events.OnRedirectToLogin;
            var toDenied = cookie.Events.OnRedirectToAccessDenied;
            cookie.Events.OnRedirectToLogin = context => IsHub(context.Request) ? Refuse(context.HttpContext, StatusCodes.Status401Unauthorized) : toLogin(context);
            cookie.Events.OnRedirectToAccessDenied = context => IsHub(context.Request) ? Refuse(context.HttpContext, StatusCodes.Status403Forbidden) : toDenied(context);
        });
        services.AddHostedService<SupervisionHubRelay>();
        services.AddSingleton<BoardAudience>();
        services.AddSingleton<DeadlineMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadlineMonitor>());
        services.AddSingleton<NightlyBackup>();
        services.AddHostedService(sp => sp.GetRequiredService<NightlyBackup>());
        ProposalPortal.Features.Notices.NoticeServices.AddNoticeOutboxWorker(services);
        return services;
    }

    /// <summary>INDEXED BY where a query asks for it (the item list on SQLite: ListPlan); stateless, so one for every context.</summary>
    private static readonly IndexHintInterceptor IndexHints = new();

    private static bool IsHub(HttpRequest request) => request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);

    private static Task Refuse(HttpContext context, int status)
    {
        ApiPolicies.KeepStatusCode(context);
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Sign-in with ASP.NET Core Identity in the same database, cookie authentication, lockout after repeated
    /// failures, and a fallback policy: every endpoint needs a signed-in user unless it says otherwise.
    /// </summary>
    public static IServiceCollection AddPortalAccounts(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddScoped<CurrentActor>();
        services.AddSingleton<IStaffConnections, StaffConnections>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = AccountEndpoints.LoginPath;
            cookie.AccessDeniedPath = "/account/denied";
            cookie.Cookie.Name = "ProposalPortal.Auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request came over HTTPS, behind nginx too (forwarded headers, Proxy:KnownProxies).
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PortalSignIn>();
        services.AddIdentityCore<PortalUser>(options =>
            {
                // Wrong passwords are counted by SignInThrottle (SignIn:*); Identity's lockout remains for deactivated
                // accounts and for the administrator's 解锁.
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.Password.RequiredLength = 8;
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>()
            .AddDefaultTokenProviders();
        services.AddAuthorizationBuilder().AddPortalPolicies();
        services.AddScoped<AccountSeeder>();
        services.AddScoped<ProposalPortal.Features.Administration.Sections.SectionAdministration>();
        services.AddScoped<ProposalPortal.Features.Administration.Staff.StaffAdministration>();
        services.AddScoped<ProposalPortal.Features.Administration.Accounts.AccountAdministration>();
        services.AddScoped<ProposalPortal.Features.Administration.Calendar.CalendarAdministration>();
        services.AddScoped<ProposalPortal.Features.Administration.RuleSettingsService>();
        return services;
    }

    /// <summary>The domain's services, the database and the rules' options: what the tests build on too.</summary>
    public static IServiceCollection AddPortalCore(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        services.AddOptions<PortalOptions>().Bind(config.GetSection(PortalOptions.SectionName));
        services.AddOptions<DemoOptions>().Bind(config.GetSection(DemoOptions.SectionName));
        services.AddOptions<AdminOptions>().Bind(config.GetSection(AdminOptions.SectionName));
        services.AddOptions<SignInLimitOptions>().Bind(config.GetSection(SignInLimitOptions.SectionName));
        services.AddOptions<DeadlineOptions>().Bind(config.GetSection(DeadlineOptions.SectionName));
        services.AddOptions<WorkflowOptions>().Bind(config.GetSection(WorkflowOptions.SectionName));
        services.AddOptions<StatisticsOptions>().Bind(config.GetSection(StatisticsOptions.SectionName));
        services.AddOptions<PublicOptions>().Bind(config.GetSection(PublicOptions.SectionName)).ValidateOnStart();
        // Without a host (the tests' bare service provider) there is no environment to judge: nothing is refused.
        services.AddSingleton<IValidateOptions<PublicOptions>>(sp => new PublicOptionsValidator(sp.GetService<IHostEnvironment>()));
        services.AddOptions<ProposalPortal.Features.Import.ImportOptions>().Bind(config.GetSection(ProposalPortal.Features.Import.ImportOptions.SectionName));
        services.AddOptions<ProposalPortal.Features.Proposals.Batch.BatchOptions>().Bind(config.GetSection(ProposalPortal.Features.Proposals.Batch.BatchOptions.SectionName));
        // Files go beside the app on one server, into the folder every node mounts on several (Nodes:SharedFolder).
        var filesRoot = NodeOptions.FilesRoot(config, contentRoot);
        services.AddOptions<AttachmentOptions>().Bind(config.GetSection(AttachmentOptions.SectionName))
            .PostConfigure(o => o.Folder = Path.IsPathRooted(o.Folder) ? o.Folder : Path.Combine(filesRoot, o.Folder));

        // Tests register a FakeTimeProvider first; TryAdd keeps it.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PortalClock>();
        // Domain events are published after each committed save (DomainEventDispatcher) to their handlers.
        // Saving handlers add to the step's own save; the others run after the commit and cannot undo it.
        services.AddSingleton<IProposalEventSavingHandler, ProposalPortal.Features.Notices.ChaseNoticeHandler>();
        ProposalPortal.Features.Notices.NoticeServices.AddPortalNotices(services, config);
        services.AddSingleton<IProposalEventHandler, SupervisionEventHandler>();
        services.AddSingleton<IProposalEventHandler, PublicSearchEventHandler>();
        services.AddSingleton<DomainEventDispatcher>();
        services.AddSingleton<FiguresCache>();
        services.AddSingleton<YearFactsStore>();
        services.AddSingleton<FiguresInvalidation>();
        services.AddOptions<DatabaseOptions>().Bind(config.GetSection(DatabaseOptions.SectionName));
        var provider = DatabaseOptions.ProviderOf(config);
        // The factory hands out the provider's own context type (PortalDatabase.Create), and so its migration set.
        services.AddDbContextFactory<PortalDbContext, PortalDbContextFactory>((sp, options) => options
            .Use(provider, ResolveConnectionString(config, contentRoot))
            // The figures' copies are dropped first, so the boards that hear of the change read the new figures.
            .AddInterceptors(sp.GetRequiredService<FiguresInvalidation>(), sp.GetRequiredService<DomainEventDispatcher>(), IndexHints));
        services.AddSingleton<WorkflowContextFactory>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<ProposalPortal.Features.Administration.Audit.AdminAuditLog>();
        services.AddScoped<ProposalService>();
        services.AddUseCases();
        services.AddScoped<AttachmentStore>();
        services.AddScoped<StatisticsService>();
        services.AddScoped<ProposalQueryService>();
        services.AddScoped<ProposalPortal.Features.Proposals.Export.ProposalListExport>();
        services.AddScoped<ProposalPortal.Features.Proposals.Batch.ProposalBatch>();
        services.AddScoped<OrganizationService>();
        services.AddScoped<RelatedRepliesService>();
        services.AddScoped<JointHandlingService>();
        services.AddScoped<ProposalPortal.Features.Proposals.Detail.ProposalPageQuery>();
        services.AddSingleton<ProposalPortal.Features.Proposals.Detail.PrerenderedPages>();
        services.AddOptions<ProposalPortal.Features.Proposals.Detail.ItemPageOptions>()
            .Bind(config.GetSection(ProposalPortal.Features.Proposals.Detail.ItemPageOptions.SectionName));
        services.AddScoped<ProposalPortal.Features.Notices.NoticeService>();
        services.AddScoped<MyWorkService>();
        services.AddScoped<ProposalPortal.Components.Layout.LiveRefreshRelevance>();
        services.AddScoped<ProposalPortal.Features.Commitments.CommitmentQueryService>();
        services.AddScoped<ProposalPortal.Features.Import.AssignmentImportService>();
        services.AddScoped<ProposalPortal.Features.Proposers.ProposerRegistry>();
        services.AddScoped<ProposalPortal.Features.Summary.AnnualSummaryService>();
        services.AddSingleton<ProposalPortal.Features.Summary.SummaryPdf>();
        services.AddScoped<StatisticsExport>();
        services.AddOptions<SupervisionOptions>().Bind(config.GetSection(SupervisionOptions.SectionName));
        services.AddPortalNodes(config, ResolveConnectionString(config, contentRoot));
        services.AddSingleton<BoardFactsStore>();
        services.AddScoped<BoardService>();
        services.AddSingleton<BoardSnapshots>();
        // One per circuit, and the same object is the circuit's handler: boards skip rendering while their browser is away.
        services.AddScoped<CircuitConnection>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<CircuitConnection>());
        services.AddSingleton<DeadlineScanner>();
        // Evaluation links and the uploaded certificate's password are kept protected with these keys; the keys live
        // beside the database under a fixed application name, so a restart, a new folder or a second server reads them.
        var keysFolder = KeyStorageOptions.ResolveKeysFolder(config, contentRoot);
        services.AddOptions<KeyStorageOptions>().Bind(config.GetSection(KeyStorageOptions.SectionName));
        CreatePrivateFolder(keysFolder);
        var dataProtection = services.AddDataProtection().SetApplicationName(KeyStorageOptions.ApplicationName);
        if (NodeOptions.AreSeveral(config))
        {
            // Several nodes read one key ring from the database they share (a cookie issued by one is read by all);
            // keys a single server kept in its folder are copied in first (DatabaseKeyImport).
            dataProtection.PersistKeysToDbContext<PortalDbContext>();
            services.AddSingleton(sp => new DatabaseKeyImport(keysFolder, sp.GetRequiredService<ILogger<DatabaseKeyImport>>()));
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysFolder));
        }
        services.AddSingleton<PublicSearchIndex>();
        services.AddScoped<PublicationService>();
        services.AddScoped<EvaluationLinks>();
        services.AddScoped<EvaluationService>();

        // Reply letters: the layout and fonts are loaded once; the certificate on first use.
        services.AddOptions<LetterOptions>().Bind(config.GetSection(LetterOptions.SectionName))
            .PostConfigure(o =>
            {
                // Relative paths are placed beside the app, like the database and the attachments.
                string Rooted(string path) => string.IsNullOrWhiteSpace(path) || Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path);
                o.Fonts.Body = Rooted(o.Fonts.Body);
                o.Fonts.Title = Rooted(o.Fonts.Title);
                o.Fonts.Heading = Rooted(o.Fonts.Heading);
                o.Fonts.SubHeading = Rooted(o.Fonts.SubHeading);
                o.SealImage = Rooted(o.SealImage);
                o.Signing.CertificatePath = Rooted(o.Signing.CertificatePath);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LetterOptions>, LetterOptionsValidator>();
        services.AddSingleton<LetterRenderer>();
        services.AddSingleton(sp => new SigningCertificate(sp.GetRequiredService<IOptions<LetterOptions>>(),
            sp.GetRequiredService<TimeProvider>(), filesRoot,
            sp.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(), sp.GetRequiredService<INodeBus>()));
        services.AddSingleton<LetterSigner>();

        // Backups: where the data lives, the archive and its restore, the last backup's status.
        services.AddSingleton(sp => new DataLocations(ResolveConnectionString(config, contentRoot), keysFolder,
            sp.GetRequiredService<IOptions<ProposalPortal.Features.Proposals.Attachments.AttachmentOptions>>(), sp.GetRequiredService<SigningCertificate>(),
            provider));
        services.AddOptions<BackupOptions>().Bind(config.GetSection(BackupOptions.SectionName))
            .PostConfigure(o => o.Folder = string.IsNullOrWhiteSpace(o.Folder) || Path.IsPathRooted(o.Folder) ? o.Folder : Path.Combine(contentRoot, o.Folder));
        services.AddSingleton<BackupStatusStore>();
        services.AddSingleton<IBackupEvents, ProposalPortal.Features.Administration.Audit.AdminAuditBackupEvents>();
        services.AddSingleton<BackupService>();
        services.AddScoped<ReplyLetterService>();
        services.AddScoped<LegacyLetters>();
        services.AddSingleton<EvaluationFormPdf>();
        services.AddScoped<EvaluationForms>();
        services.AddOptions<FormOptions>().Bind(config.GetSection(FormOptions.SectionName));
        services.AddSingleton<FormPdf>();
        services.AddScoped<OfficialForms>();
        services.AddScoped<DraftWord>();
        services.AddScoped<DraftHistory>();
        return services;
    }

    /// <summary>The keys are stored unencrypted at rest (no certificate to wrap them with): only the portal's account may read them.</summary>
    private static void CreatePrivateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>
    /// <c>ConnectionStrings:Portal</c>; a relative SQLite file is placed beside the app (the content root), not wherever
    /// the process happened to start. A PostgreSQL connection string is used as given.
    /// </summary>
    internal static string ResolveConnectionString(IConfiguration config, string contentRoot)
    {
        if (DatabaseOptions.ProviderOf(config) == DatabaseProvider.PostgreSQL)
        {
            return config.GetConnectionString("Portal")
                ?? throw new InvalidOperationException("使用 PostgreSQL 时必须设置连接字符串 ConnectionStrings:Portal");
        }

        var raw = config.GetConnectionString("Portal") ?? "Data Source=App_Data/portal.db";
        var builder = new SqliteConnectionStringBuilder(raw);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        }

        return builder.ToString();
    }
}
