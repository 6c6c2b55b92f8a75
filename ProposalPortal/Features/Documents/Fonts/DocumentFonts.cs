using System.Collections.Concurrent;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using ProposalPortal.Features.Documents.Typesetting;

namespace ProposalPortal.Features.Documents.Fonts;

/// <summary>
/// The faces a document is set in, by role. Without configuration every role uses the shipped open-licensed font;
/// a deployment that has the official fonts (仿宋_GB2312, 方正小标宋, 黑体) points to their files.
/// </summary>
public sealed class DocumentFonts
{
    private readonly ConcurrentDictionary<(FontRole, double), XFont> _fonts = new();
    private readonly Dictionary<FontRole, string> _families;

    public DocumentFonts(string bodyFamily, string titleFamily, string headingFamily)
    {
        _families = new()
        {
            [FontRole.Body] = bodyFamily,
            [FontRole.Title] = titleFamily,
            [FontRole.Heading] = headingFamily,
        };
    }

    /// <summary>Every role in the shipped font.</summary>
    public static DocumentFonts Shipped { get; } = new(DocumentFontResolver.ShippedFamily, DocumentFontResolver.ShippedFamily,
        DocumentFontResolver.ShippedFamily);

    /// <summary>Fonts from files; a null or empty path means the shipped font for that role.</summary>
    public static DocumentFonts FromFiles(string? body, string? title, string? heading)
    {
        string Family(string? path) => string.IsNullOrWhiteSpace(path) ? DocumentFontResolver.ShippedFamily : DocumentFontResolver.RegisterFile(path);
        return new DocumentFonts(Family(body), Family(title), Family(heading));
    }

    /// <summary>The registered family name of a role's face (named after the font file's content).</summary>
    public string FamilyOf(FontRole role) => _families[role];

    /// <summary>Unicode encoding (CID fonts with a ToUnicode map) and subset embedding: what Chinese text needs.</summary>
    public XFont Get(FontRole role, double size) => _fonts.GetOrAdd((role, size), key =>
        new XFont(_families[key.Item1], key.Item2, XFontStyleEx.Regular,
            new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset)));

    /// <summary>
    /// The characters of <paramref name="text"/> that the role's font has no glyph for (distinct, in order), so
    /// that a document is refused before it is issued rather than printed with blank boxes.
    /// </summary>
    public IReadOnlyList<string> MissingCharacters(FontRole role, string text)
    {
        var font = Get(role, 12);
        var missing = new List<string>();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
            {
                continue;
            }

            if (GlyphHelper.GlyphIndexFromCodePoint(rune.Value, font) == 0 && !missing.Contains(rune.ToString()))
            {
                missing.Add(rune.ToString());
            }
        }

        return missing;
    }
}
