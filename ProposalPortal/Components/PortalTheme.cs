using MudBlazor;

namespace ProposalPortal.Components;

/// <summary>
/// The portal's light theme. MudBlazor's default red, orange, green, pink and blue fail WCAG 2.1 AA contrast on the
/// chips and buttons that carry meaning (超期 white on #F44336 3.68:1, 剩5天 #FF9800 on white 2.15:1, 重点 3.33:1,
/// the board's green 2.23:1). These darker shades still read as red, orange, green, pink and blue and give at
/// least 4.5:1 both as text on white (outlined chips) and under white text (filled chips and buttons);
/// PortalThemeContrastTests keeps them so. Changing the palette rather than each chip keeps every use in step.
/// </summary>
public static class PortalTheme
{
    public static MudTheme Light { get; } = new()
    {
        // A government office's tool: a sober red band (the app bar, #B71C1C red 900, 7.1:1 under white) and blue for
        // what one acts on (buttons, links, the selected menu item: #0D47A1 blue 900, 8.6:1), on a plain white page (a grey page
        // took the secondary text of the year labels under 4.5:1).
        PaletteLight = new PaletteLight
        {
            Primary = "#0D47A1",
            AppbarBackground = "#B71C1C",
            AppbarText = "#FFFFFF",
            Error = "#C62828",     // red 800: 5.62:1 with white
            Warning = "#B84D00",   // deep orange: 5.12:1
            Success = "#2E7D32",   // green 800: 5.13:1
            Secondary = "#C2185B", // pink 700 (重点): 5.87:1
            Info = "#1565C0",      // blue 800: 5.75:1
        },
    };
}
