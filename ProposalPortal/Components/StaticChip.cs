using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ProposalPortal.Components;

/// <summary>
/// A small chip in MudBlazor's look, as plain markup. Long lists show one or two per row, and each MudChip component
/// would cost the server its own render-tree buffers for as long as the circuit lives (BENCHMARKS.md, circuit memory).
/// </summary>
public static class StaticChip
{
    /// <param name="text">Encoded here.</param>
    /// <param name="attributes">Extra attributes as trusted markup, e.g. <c>data-key="true"</c>; never user input.</param>
    public static MarkupString Markup(string text, Color color, Variant variant, string attributes = "") =>
        new($"<span class=\"mud-chip mud-chip-{variant.ToString().ToLowerInvariant()} mud-chip-size-small " +
            $"mud-chip-color-{color.ToString().ToLowerInvariant()}\" {attributes}>" +
            $"<span class=\"mud-chip-content\">{Html.Encode(text)}</span></span>");
}
