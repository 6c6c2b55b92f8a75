using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

using ProposalPortal.Features.Documents.Typesetting;

namespace ProposalPortal.Features.Summary;

/// <summary>How a paragraph of an official .docx is set: the styles of <see cref="SummaryDocx"/>.</summary>
public enum DocxStyle
{
    /// <summary>Body text, 3号 仿宋, indented two characters.</summary>
    Normal,

    /// <summary>2号 小标宋, centred.</summary>
    Title,

    /// <summary>一、 headings: 黑体 (Word's "heading 1").</summary>
    Heading1,

    /// <summary>（一） headings: 楷体 (Word's "heading 2").</summary>
    Heading2,

    /// <summary>The body face flush left: an addressee, 抄送.</summary>
    Flush,

    /// <summary>The bureau's name and the date at the right, four characters in.</summary>
    Signature,
}

/// <summary>One paragraph of an official .docx.</summary>
public sealed record DocxParagraph(string Text, DocxStyle Style = DocxStyle.Normal);

/// <summary>
/// Writes the annual summary as a .docx laid out like the bureau's other documents (GB/T 9704): A4, 37 mm top,
/// 35 mm bottom, 28 mm binding and 26 mm outer margin (the 156 × 225 mm type area), title in 2号 小标宋, body in 3号
/// 仿宋 with two-character indents, 一、 headings in 黑体, （一） headings in 楷体, the bureau's name and date at the
/// right, page numbers <c>— 1 —</c> in 4号 宋体 on the outside corner (odd pages right, even pages left, as the PDF).
/// The formatting lives in named styles (Title, Heading1, Heading2, Normal) that name the official faces for Chinese
/// (w:eastAsia) and tag the language zh-CN, so that Word and WPS pick Chinese rather than Japanese glyphs; the font
/// table names the faces with their GB 2312 charset so that a reader without them substitutes a Chinese face.
/// The text is the summary's, as stored (the PDF prints full-width marks; the .docx stays editable as saved).
/// </summary>
public static class SummaryDocx
{
    public const string TitleFont = "方正小标宋简体";
    public const string BodyFont = "仿宋_GB2312";
    public const string HeadingFont = "黑体";
    public const string SubheadingFont = "楷体_GB2312";
    private const string PageNumberFont = "宋体";
    private const int TitleHalfPoints = 44; // 2号 = 22 pt
    private const int BodyHalfPoints = 32;  // 3号 = 16 pt
    private const int PageNumberHalfPoints = 28; // 4号 = 14 pt
    private const int TwipsPerMillimetre = 1440 * 10 / 254;
    private const string LinePitch = "560"; // 28 pt a line: 22 lines in the type area

    /// <summary>A second-level heading standing alone: （一）思想统一，认识到位。</summary>
    private static readonly System.Text.RegularExpressions.Regex Subheading =
        new(@"^[（(][一二三四五六七八九十]+[）)][^。；;]{1,24}[。]?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static byte[] Write(SummaryView summary, string bureauName)
    {
        var blocks = new List<DocxParagraph> { new(summary.Title, DocxStyle.Title), new(string.Empty), new(summary.Opening) };
        AppendProse(blocks, summary.Text.Characteristics);
        foreach (var (heading, text) in summary.Sections)
        {
            blocks.Add(new(heading, DocxStyle.Heading1));
            AppendProse(blocks, text);
        }

        blocks.Add(new(string.Empty));
        blocks.Add(new(bureauName, DocxStyle.Signature));
        blocks.Add(new(summary.DateText, DocxStyle.Signature));
        return Write(summary.Title, bureauName, blocks);
    }

    /// <summary>
    /// Any document of the bureau in this layout (the annual summary, a draft reply for the OA system): the paragraphs
    /// in order, each in its style. One writer, so that every .docx the portal hands out looks the same.
    /// </summary>
    public static byte[] Write(string title, string creator, IEnumerable<DocxParagraph> paragraphs)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            document.PackageProperties.Title = title;
            document.PackageProperties.Creator = creator;
            document.PackageProperties.Language = "zh-CN";

            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            main.AddNewPart<DocumentSettingsPart>().Settings = Settings();
            main.AddNewPart<FontTablePart>().Fonts = FontTable();
            var oddFooter = main.AddNewPart<FooterPart>();
            oddFooter.Footer = PageNumberFooter(JustificationValues.Right);
            var evenFooter = main.AddNewPart<FooterPart>();
            evenFooter.Footer = PageNumberFooter(JustificationValues.Left);

            var body = new Body();
            main.Document = new Document(body);
            foreach (var paragraph in paragraphs)
            {
                body.Append(paragraph.Style switch
                {
                    DocxStyle.Signature => Signature(paragraph.Text),
                    DocxStyle.Flush => Flush(paragraph.Text),
                    DocxStyle.Title => Paragraph(paragraph.Text, "Title"),
                    DocxStyle.Heading1 => Paragraph(paragraph.Text, "Heading1"),
                    DocxStyle.Heading2 => Paragraph(paragraph.Text, "Heading2"),
                    _ => Paragraph(paragraph.Text, null),
                });
            }

            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(oddFooter) },
                new FooterReference { Type = HeaderFooterValues.Even, Id = main.GetIdOfPart(evenFooter) },
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin
                {
                    Top = 37 * TwipsPerMillimetre, Bottom = 35 * TwipsPerMillimetre,
                    Left = (uint)(28 * TwipsPerMillimetre), Right = (uint)(26 * TwipsPerMillimetre),
                    // The page number's line sits about 7 mm under the type area.
                    Header = (uint)(15 * TwipsPerMillimetre), Footer = (uint)(22 * TwipsPerMillimetre), Gutter = 0,
                },
                new DocGrid { Type = DocGridValues.Lines, LinePitch = int.Parse(LinePitch, CultureInfo.InvariantCulture) }));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static void AppendProse(List<DocxParagraph> blocks, string text)
    {
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            blocks.Add(new(line, Subheading.IsMatch(line) ? DocxStyle.Heading2 : DocxStyle.Normal));
        }
    }

    /// <summary>A paragraph flush left (an addressee, 抄送): the body's face without its two-character indent.</summary>
    private static Paragraph Flush(string text) => new(
        new ParagraphProperties(new Indentation { FirstLine = "0" }),
        TextRun(Print(text)));

    /// <summary>The bureau's name and the date stand at the right, four characters in, as on the bureau's letters.</summary>
    private static Paragraph Signature(string text) => new(
        new ParagraphProperties(
            new Indentation { Right = Twips(4 * BodyHalfPoints * 10), FirstLine = "0" },
            new Justification { Val = JustificationValues.Right }),
        TextRun(Print(text)));

    /// <summary>
    /// As printed: full-width marks next to Chinese (the stored prose may carry , ; ( ) typed on an English keyboard),
    /// as the PDF and the letters print them.
    /// </summary>
    private static string Print(string text) => ChineseLineBreaker.ToChinesePunctuation(text);

    /// <summary>One paragraph, one run: readers (and the tests) find each sentence whole in the XML.</summary>
    private static Paragraph Paragraph(string text, string? style)
    {
        var paragraph = new Paragraph();
        if (style is not null)
        {
            paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        if (text.Length > 0)
        {
            paragraph.Append(TextRun(Print(text)));
        }

        return paragraph;
    }

    private static Run TextRun(string text) => new(new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    private static string Twips(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static RunFonts FaceOf(string face) => new() { Ascii = face, HighAnsi = face, EastAsia = face, ComplexScript = face, Hint = FontTypeHintValues.EastAsia };

    private static Languages Chinese() => new() { Val = "en-US", EastAsia = "zh-CN", Bidi = "ar-SA" };

    private static RunProperties RunStyle(string face, int halfPoints, bool withLanguage = false)
    {
        var properties = new RunProperties(FaceOf(face),
            new FontSize { Val = Twips(halfPoints) }, new FontSizeComplexScript { Val = Twips(halfPoints) });
        if (withLanguage)
        {
            properties.Append(Chinese());
        }

        return properties;
    }

    private static StyleParagraphProperties Spacing(JustificationValues justification, int firstLineHalfPoints, int? outline = null)
    {
        var properties = new StyleParagraphProperties();
        if (outline is not null)
        {
            properties.Append(new KeepNext());
        }

        properties.Append(new SpacingBetweenLines { Line = LinePitch, LineRule = LineSpacingRuleValues.Exact, Before = "0", After = "0" });
        // Two characters of the body size: 2 × 16 pt = 640 twips.
        properties.Append(new Indentation { FirstLine = Twips(2 * firstLineHalfPoints * 10) });
        properties.Append(new Justification { Val = justification });
        if (outline is not null)
        {
            properties.Append(new OutlineLevel { Val = outline.Value });
        }

        return properties;
    }

    private static Styles Styles()
    {
        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = BodyFont, HighAnsi = BodyFont, EastAsia = BodyFont, ComplexScript = BodyFont },
                new FontSize { Val = Twips(BodyHalfPoints) }, new FontSizeComplexScript { Val = Twips(BodyHalfPoints) },
                Chinese())),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { Line = LinePitch, LineRule = LineSpacingRuleValues.Exact, Before = "0", After = "0" })));

        Style Paragraph(string id, string name, string? basedOn, StyleParagraphProperties paragraph, StyleRunProperties run, bool isDefault = false)
        {
            var style = new Style { Type = StyleValues.Paragraph, StyleId = id, Default = isDefault ? true : null };
            style.Append(new StyleName { Val = name });
            if (basedOn is not null)
            {
                style.Append(new BasedOn { Val = basedOn });
                style.Append(new NextParagraphStyle { Val = "Normal" });
            }

            style.Append(new PrimaryStyle(), paragraph, run);
            return style;
        }

        StyleRunProperties Run(string face, int halfPoints) => new(RunStyle(face, halfPoints, withLanguage: true).ChildElements.Select(c => c.CloneNode(true)));

        return new Styles(defaults,
            Paragraph("Normal", "Normal", null, Spacing(JustificationValues.Both, BodyHalfPoints), Run(BodyFont, BodyHalfPoints), isDefault: true),
            Paragraph("Title", "Title", "Normal", Spacing(JustificationValues.Center, 0), Run(TitleFont, TitleHalfPoints)),
            Paragraph("Heading1", "heading 1", "Normal", Spacing(JustificationValues.Both, BodyHalfPoints, outline: 0), Run(HeadingFont, BodyHalfPoints)),
            Paragraph("Heading2", "heading 2", "Normal", Spacing(JustificationValues.Both, BodyHalfPoints, outline: 1), Run(SubheadingFont, BodyHalfPoints)),
            Paragraph("Footer", "footer", "Normal", Spacing(JustificationValues.Right, 0), Run(PageNumberFont, PageNumberHalfPoints)));
    }

    private static Settings Settings() => new(
        new DefaultTabStop { Val = 420 },
        new EvenAndOddHeaders(),
        new CharacterSpacingControl { Val = CharacterSpacingValues.CompressPunctuation },
        new Compatibility(new CompatibilitySetting
        {
            Name = CompatSettingNameValues.CompatibilityMode,
            Uri = "http://schemas.microsoft.com/office/word",
            Val = "15",
        }),
        new ThemeFontLanguages { Val = "en-US", EastAsia = "zh-CN" });

    /// <summary>The faces the styles name, with the GB 2312 charset (86) so that a reader lacking one substitutes a Chinese face.</summary>
    private static Fonts FontTable() => new(
        new[] { (BodyFont, "仿宋"), (TitleFont, "宋体"), (HeadingFont, "SimHei"), (SubheadingFont, "楷体"), (PageNumberFont, "SimSun") }
            .Select(f => new Font(
                new AltName { Val = f.Item2 },
                new FontCharSet { Val = "86" },
                new FontFamily { Val = f.Item1 == HeadingFont ? FontFamilyValues.Modern : FontFamilyValues.Roman },
                new Pitch { Val = f.Item1 == HeadingFont ? FontPitchValues.Fixed : FontPitchValues.Variable })
            { Name = f.Item1 }));

    /// <summary>
    /// <c>— 1 —</c>: the PAGE field between em dashes, in 4号, one character in from the outside edge of the type area.
    /// </summary>
    private static Footer PageNumberFooter(JustificationValues side)
    {
        var indent = side == JustificationValues.Right
            ? new Indentation { Right = Twips(PageNumberHalfPoints * 10), FirstLine = "0" }
            : new Indentation { Left = Twips(PageNumberHalfPoints * 10), FirstLine = "0" };
        return new Footer(new Paragraph(
            new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }, indent, new Justification { Val = side }),
            TextRun("— "),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            TextRun("1"),
            new Run(new FieldChar { FieldCharType = FieldCharValues.End }),
            TextRun(" —")));
    }
}
