using ProposalPortal.Components;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>The pages carry the portal's contrast-checked palette (PortalThemeContrastTests), not MudBlazor's default.</summary>
public sealed class PortalThemeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task ThePageStyleSetsThePortalsRedOrangeAndGreen()
    {
        var client = factory.CreateClient();
        await HttpSignIn.SignInAsync(client, "yousi");

        var html = await client.GetStringAsync("/proposals");

        var palette = PortalTheme.Light.PaletteLight;
        Assert.Contains($"--mud-palette-error: {palette.Error}", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"--mud-palette-warning: {palette.Warning}", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"--mud-palette-success: {palette.Success}", html, StringComparison.OrdinalIgnoreCase);
    }
}
