using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ProposalPortal.Features.Summary;

/// <summary>
/// Writes the annual summary as a .docx laid out like the bureau's other documents (GB/T 9704): A4, 37 mm top and
/// 28 mm binding margin, title in 2号 小标宋, body in 3号 仿宋 with two-character indents, section headings in 黑体,
/// signature and date at the right. The official fonts are named; Word substitutes where they are not installed.
/// </summary>
public static class SummaryDocx
{
    private const string TitleFont = "方正小标宋简体";
    private const string BodyFont = "仿宋_GB2312";
    private const string HeadingFont = "黑体";
    private const int TitleHalfPoints = 44; // 2号 = 22 pt
    private const int BodyHalfPoints = 32;  // 3号 = 16 pt
    private const int TwipsPerMillimetre = 1440 * 10 / 254;

    public static byte[] Write(SummaryView summary, string bureauName)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);
            document.PackageProperties.Title = summary.Title;
            document.PackageProperties.Creator = bureauName;

            body.Append(Paragraph(summary.Title, TitleFont, TitleHalfPoints, JustificationValues.Center, indent: false));
            body.Append(Paragraph(string.Empty, BodyFont, BodyHalfPoints, JustificationValues.Both, indent: false));
            body.Append(Paragraph(summary.Opening, BodyFont, BodyHalfPoints, JustificationValues.Both, indent: true));
            AppendProse(body, summary.Prose.Characteristics);
            foreach (var (heading, text) in summary.Sections)
            {
                body.Append(Paragraph(heading, HeadingFont, BodyHalfPoints, JustificationValues.Both, indent: true));
                AppendProse(body, text);
            }

            body.Append(Paragraph(string.Empty, BodyFont, BodyHalfPoints, JustificationValues.Both, indent: false));
            body.Append(Signature(bureauName));
            body.Append(Signature(summary.DateText));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin
                {
                    Top = 37 * TwipsPerMillimetre, Bottom = 35 * TwipsPerMillimetre,
                    Left = (uint)(28 * TwipsPerMillimetre), Right = (uint)(26 * TwipsPerMillimetre),
                    Header = 851, Footer = 992, Gutter = 0,
                }));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static void AppendProse(Body body, string text)
    {
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            body.Append(Paragraph(line, BodyFont, BodyHalfPoints, JustificationValues.Both, indent: true));
        }
    }

    /// <summary>The bureau's name and the date stand at the right, four characters in, as on the bureau's letters.</summary>
    private static Paragraph Signature(string text)
    {
        var paragraph = Paragraph(text, BodyFont, BodyHalfPoints, JustificationValues.Right, indent: false);
        paragraph.ParagraphProperties!.Append(new Indentation { Right = (4 * BodyHalfPoints * 10).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return paragraph;
    }

    /// <summary>One paragraph, one run: readers (and the tests) find each sentence whole in the XML.</summary>
    private static Paragraph Paragraph(string text, string font, int halfPoints, JustificationValues justification, bool indent)
    {
        var size = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var properties = new ParagraphProperties(
            new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact, Before = "0", After = "0" },
            new Justification { Val = justification });
        if (indent)
        {
            // Two characters of the body size: 2 × 16 pt = 640 twips.
            properties.Append(new Indentation { FirstLine = (2 * halfPoints * 10).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        var run = new Run(
            new RunProperties(
                new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font },
                new FontSize { Val = size },
                new FontSizeComplexScript { Val = size }),
            new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return new Paragraph(properties, run);
    }
}
