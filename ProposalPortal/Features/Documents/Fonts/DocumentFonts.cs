using System.Collections.Concurrent;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using ProposalPortal.Features.Documents.Typesetting;

namespace ProposalPortal.Features.Documents.Fonts;

/// <summary>
/// The faces a document is set in, by role (GB/T 9704: 小标宋 titles, 仿宋 body, 黑体 level-1 and 楷体 level-2
/// headings). Without configuration each role uses a shipped open-licensed face: Song for body and title, a
/// 黑体-style sans and a 楷体 for the headings; a deployment that has the official fonts points to their files.
/// </summary>
public sealed class DocumentFonts
{
    // Before Shipped, which static initialization reads it for.
    private static readonly ConcurrentDictionary<(string, string, string, string), Lazy<DocumentFonts>> Loaded = new();

    private readonly ConcurrentDictionary<(FontRole, double), XFont> _fonts = new();
    private readonly Dictionary<FontRole, string> _families;

    public DocumentFonts(string bodyFamily, string titleFamily, string headingFamily, string subHeadingFamily)
    {
        _families = new()
        {
            [FontRole.Body] = bodyFamily,
            [FontRole.Title] = titleFamily,
            [FontRole.Heading] = headingFamily,
            [FontRole.SubHeading] = subHeadingFamily,
        };
    }

    /// <summary>Every role in its shipped face.</summary>
    public static DocumentFonts Shipped { get; } = FromFiles(null, null, null, null);

    /// <summary>
    /// Fonts from files; a null or empty path means the shipped face for that role. The same files give the same
    /// instance, read once per process: the letters, the forms and the summaries share one set of faces and one cache
    /// of <see cref="XFont"/>s (issue 17: a sign-off sets a letter and a 签批单).
    /// </summary>
    public static DocumentFonts FromFiles(string? body, string? title, string? heading, string? subHeading)
    {
        static string Key(string? path) => string.IsNullOrWhiteSpace(path) ? string.Empty : Path.GetFullPath(path);
        static string Family(string path, FontRole role) =>
            path.Length == 0 ? DocumentFontResolver.ShippedFamilyOf(role) : DocumentFontResolver.RegisterFile(path);
        var key = (Key(body), Key(title), Key(heading), Key(subHeading));
        var loaded = Loaded.GetOrAdd(key, k => new Lazy<DocumentFonts>(() => new DocumentFonts(Family(k.Item1, FontRole.Body),
            Family(k.Item2, FontRole.Title), Family(k.Item3, FontRole.Heading), Family(k.Item4, FontRole.SubHeading))));
        try
        {
            return loaded.Value;
        }
        catch
        {
            // A file that cannot be read or is no TrueType font: refused now, and read again on the next try.
            Loaded.TryRemove(new KeyValuePair<(string, string, string, string), Lazy<DocumentFonts>>(key, loaded));
            throw;
        }
    }

    /// <summary>The registered family name of a role's face (named after the font file's content).</summary>
    public string FamilyOf(FontRole role) => _families[role];

    /// <summary>Unicode encoding (CID fonts with a ToUnicode map) and subset embedding: what Chinese text needs.</summary>
    public XFont Get(FontRole role, double size) => _fonts.GetOrAdd((role, size), key =>
        new XFont(_families[key.Item1], key.Item2, XFontStyleEx.Regular,
            new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset)));

    /// <summary>
    /// The face a piece of text is drawn in: the role's, or the body's when the role's face lacks one of its
    /// characters. Heading faces such as Droid Sans Fallback have no Latin letters or digits: "A" or "5G" in a
    /// heading is drawn in the body face rather than as a blank box.
    /// </summary>
    public FontRole FaceFor(FontRole role, string text) =>
        role == FontRole.Body || _families[role] == _families[FontRole.Body] || Lacking(role, text).Count == 0 ? role : FontRole.Body;

    /// <summary>
    /// The characters of <paramref name="text"/> that neither the role's face nor the body face (its fallback) has
    /// a glyph for (distinct, in order), so that a document is refused before it is issued rather than printed
    /// with blank boxes.
    /// </summary>
    public IReadOnlyList<string> MissingCharacters(FontRole role, string text)
    {
        var missing = Lacking(role, text);
        return role == FontRole.Body ? missing : Lacking(FontRole.Body, string.Concat(missing));
    }

    private List<string> Lacking(FontRole role, string text)
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
