using Microsoft.AspNetCore.Components;

namespace ProposalPortal.Components;

/// <summary>
/// A MudBlazor icon as MudIcon draws it, as one markup frame instead of a component (BENCHMARKS.md, circuit memory).
/// </summary>
public static class StaticIcon
{
    public const string Classes = "mud-icon-root mud-svg-icon mud-icon-size-medium";

    /// <param name="icon">One of MudBlazor's <c>Icons.Material.*</c>: trusted SVG content, never user input.</param>
    /// <param name="classes">MudIcon's classes; the menu adds its own.</param>
    public static MarkupString Svg(string icon, string classes = Classes) =>
        new($"<svg class=\"{classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>");
}
