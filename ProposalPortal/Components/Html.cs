using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace ProposalPortal.Components;

/// <summary>Encoding for the few places that write markup by hand (chips, filter options, list cells).</summary>
public static class Html
{
    // Chinese text stays readable in the markup instead of becoming character references.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string text) => Encoder.Encode(text);
}
