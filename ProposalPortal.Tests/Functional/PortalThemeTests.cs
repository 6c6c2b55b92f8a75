using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Components;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>The pages carry the portal's contrast-checked palette (PortalThemeContrastTests), not MudBlazor's default.</summary>
public sealed class PortalThemeTests(ScenarioSite site) : IClassFixture<ScenarioSite>
{
    private PortalFactory Factory => site.Factory;

    [Fact]
    public async Task ThePageStyleSetsThePortalsRedOrangeAndGreen()
    {
        var client = await site.SignedInClientAsync(ScenarioSite.Office);

        var html = await client.GetStringAsync("/proposals");

        var palette = PortalTheme.Light.PaletteLight;
        Assert.Contains($"--mud-palette-error: {palette.Error}", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"--mud-palette-warning: {palette.Warning}", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"--mud-palette-success: {palette.Success}", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheAppBarIsTheBureausRedBandWithItsNameAndThePageHasAFavicon()
    {
        var client = await site.SignedInClientAsync(ScenarioSite.Office);
        var bureau = Factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProposalPortal.Features.Common.PortalOptions>>().Value.BureauName;

        var html = await client.GetStringAsync("/proposals");

        Assert.Matches($"data-testid=\"bureau-name\"[^>]*>{bureau} · 建议提案办理门户<", html);
        var band = System.Text.RegularExpressions.Regex.Match(html, "--mud-palette-appbar-background: ([^;]+);");
        Assert.True(band.Success, "the page sets the app bar's colour");
        Assert.Equal(new MudBlazor.Utilities.MudColor("#B71C1C"), new MudBlazor.Utilities.MudColor(band.Groups[1].Value));
        var icon = System.Text.RegularExpressions.Regex.Match(html, "<link rel=\"icon\"[^>]*href=\"([^\"]+)\"");
        Assert.True(icon.Success, "the page links a favicon");
        var response = await Factory.CreateClient().GetAsync(new Uri(client.BaseAddress!, icon.Groups[1].Value));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<svg", await response.Content.ReadAsStringAsync());
    }
}
