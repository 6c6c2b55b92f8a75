using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.JSInterop;
using ProposalPortal.Components.Layout;
using ProposalPortal.Features.Supervision;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components;

/// <summary>
/// LiveRefresh on an open list: a change refreshes the page, a burst of changes is one refresh per interval (on the
/// app's clock), the last change of a burst is never left unshown, and a refresh the leaving page does not take is
/// dropped without an error.
/// </summary>
public sealed class LiveRefreshTests : PortalBunitContext
{
    private const string Refresh = "portal.refresh";
    private readonly FakeTimeProvider _time = new(TestPortal.DefaultNow);
    private readonly CapturingLoggerProvider _logs = new();
    private readonly InProcessSupervisionNotifier _notifier = new(NullLogger<InProcessSupervisionNotifier>.Instance);

    public LiveRefreshTests()
    {
        Services.AddSingleton<ISupervisionNotifier>(_notifier);
        Services.AddSingleton<TimeProvider>(_time);
        Services.AddLogging(l => l.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        Services.Configure<SupervisionOptions>(o => o.LiveRefreshMinIntervalMilliseconds = 2000);
        // The island here has no scope (a page of figures): every change it hears refreshes, without a database.
        Services.AddScoped(_ => new LiveRefreshRelevance(null!, null!, null!, null!));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        _refresh = JSInterop.SetupVoid(Refresh);
        _refresh.SetVoidResult();
    }

    private readonly JSRuntimeInvocationHandler _refresh;

    private int Refreshes => JSInterop.Invocations[Refresh].Count;

    private IRenderedComponent<LiveRefresh> RenderConnected(int? sectionId = null)
    {
        var cut = Render<LiveRefresh>(ps => ps.Add(c => c.SectionId, sectionId));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=live-refresh]").GetAttribute("data-connected")));
        return cut;
    }

    private Task ChangeAsync(params int[] sections) => _notifier.PublishAsync(new SupervisionChange(SupervisionChangeKind.Step,
        [1], sections, _time.GetUtcNow(), "尤四登记沟通", []));

    [Fact]
    public async Task ABurstOfChangesIsOneRefreshNowAndOneAtTheIntervalsEndNotOneEach()
    {
        RenderConnected();

        await ChangeAsync(3);
        Assert.Equal(1, Refreshes); // the first change shows at once

        // Nine more within the interval: none refreshes on its own, one refresh is due at the interval's end.
        for (var i = 0; i < 9; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            await ChangeAsync(3);
        }

        Assert.Equal(1, Refreshes);
        _time.Advance(TimeSpan.FromMilliseconds(2000 - 900 - 1));
        Assert.Equal(1, Refreshes);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, Refreshes); // the burst's last change is shown

        // Quiet afterwards: nothing more is refreshed, and a change after the interval shows at once again.
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, Refreshes);
        await ChangeAsync(3);
        Assert.Equal(3, Refreshes);
    }

    [Fact]
    public async Task AChangeOfAnotherSectionDoesNotRefreshASectionsList()
    {
        RenderConnected(sectionId: 5);

        await ChangeAsync(3);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, Refreshes);

        await ChangeAsync(3, 5);
        Assert.Equal(1, Refreshes);
    }

    [Fact]
    public async Task ARefreshDueWhenThePageIsGoneIsNotSent()
    {
        RenderConnected();
        await ChangeAsync(3);
        await ChangeAsync(3); // due at the interval's end

        await DisposeComponentsAsync();
        _time.Advance(TimeSpan.FromSeconds(5));
        await ChangeAsync(3);

        Assert.Equal(1, Refreshes);
    }

    [Fact]
    public async Task ARefreshTheLeavingPageNeverAnswersIsDroppedWithoutAnErrorAndTheNextChangeStillRefreshes()
    {
        _refresh.SetException(new JSDisconnectedException("The circuit's connection is gone."));
        RenderConnected();

        // The component catches it: an exception reaching the renderer would fail the test here.
        await ChangeAsync(3);
        Assert.Equal(1, Refreshes);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("Live refresh dropped", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Warning);

        _time.Advance(TimeSpan.FromSeconds(5));
        _refresh.SetVoidResult();
        await ChangeAsync(3);
        Assert.Equal(2, Refreshes);
    }
}
