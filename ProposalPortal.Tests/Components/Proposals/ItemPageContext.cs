using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Proposals.Detail;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Proposals;

/// <summary>
/// For tests of the item page: a portal with a <see cref="Scenario"/> (today is 2026-11-28), sign-in through bUnit's
/// authorization doubles with the portal's staff claim, and the page's actions, dialogs and snackbars.
/// </summary>
public abstract class ItemPageContext : PortalBunitContext
{
    protected const int Year = 2026;

    protected TestPortal TestPortal => Portal!;

    /// <summary>The people and section of the test's world.</summary>
    protected Scenario Scenario { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        Scenario = await Scenario.CreateAsync(Portal);
    }

    /// <summary>Registers the real services of the test portal, signs in as the named person, renders the dialog host.</summary>
    protected async Task<IRenderedComponent<MudDialogProvider>> SignInAsync(string name)
    {
        await SignInAsync(TestPortal, name);
        return Render<MudDialogProvider>();
    }

    /// <summary>The island as its circuit runs it (the prerender's hand-off to the circuit: ItemPageLoadBrowserTests).</summary>
    protected IRenderedComponent<ProposalDetail> RenderPage(int id)
    {
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        return Render<ProposalDetail>(ps => ps.Add(p => p.Id, id));
    }

    /// <summary>The steps the page offers this user now.</summary>
    protected static List<string> Offered(IRenderedComponent<ProposalDetail> page) =>
        page.FindAll("[data-testid=actions] button[data-step]").Select(b => b.TextContent.Trim()).ToList();

    protected List<string> Snackbars() =>
        Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? string.Empty).ToList();

    /// <summary>Signs <paramref name="actor"/> in (one of <see cref="Scenario"/>'s people) and renders the dialog host.</summary>
    protected Task<IRenderedComponent<MudDialogProvider>> SignInAsync(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return SignInAsync(actor.Name);
    }

    /// <summary>The item as stored now, read as the Office (which sees every section).</summary>
    protected async Task<Proposal> FindAsync(int id)
    {
        return await TestPortal.Scoped<ProposalService>().FindAsync(id, Scenario.Office) ?? throw new InvalidOperationException($"item {id} not found");
    }

    protected Task<Actor> ActorAsync(string name) => TestPortal.ActorAsync(name);
}
