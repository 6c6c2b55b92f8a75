using Microsoft.Extensions.Options;
using ProposalPortal.Features.Documents.Fonts;
using ProposalPortal.Features.Documents.Typesetting;
using ProposalPortal.Features.Letters;

namespace ProposalPortal.Features.Summary;

/// <summary>
/// Lays the annual summary out as a PDF with the official-document typesetter, from the same <see cref="SummaryView"/>
/// as <see cref="SummaryDocx"/>: the title centred in 2号, one blank line, the body in 3号 with two-character
/// indents, the 一、二、 headings in the heading face (黑体 where configured; GB/T 9704 sets first-level headings
/// in 黑体), and, one line under the body, the bureau's name centred over the date, which ends two characters from
/// the right (GB/T 9704 7.3.5.3: a document without a seal); page numbers <c>— 1 —</c>.
/// The faces are the ones configured for the bureau's letters (<c>Letters:Fonts</c>): one set of official fonts.
/// </summary>
public sealed class SummaryPdf(IOptions<LetterOptions> options)
{
    public const double TitleSize = 22;

    private static readonly TextStyle Title = new() { Font = FontRole.Title, Size = TitleSize, OnGrid = false, Alignment = TextAlignment.Center };
    private static readonly TextStyle Heading = new() { Font = FontRole.Heading, FirstLineIndent = 2 };
    private static readonly TextStyle Signature = new() { Alignment = TextAlignment.Right, RightIndent = 2 };

    private readonly PageGeometry _grid = PageGeometry.Gb9704;
    private readonly Lazy<DocumentFonts> _fonts = new(() =>
        options.Value.Fonts.Load());

    public DocumentFonts Fonts => _fonts.Value;

    /// <summary>
    /// The Chinese refusal when a face cannot print a character of the summary (a rare character in the prose), or
    /// null: the PDF is refused rather than printed with blank boxes.
    /// </summary>
    public string? WhyNotPrintable(SummaryView summary, string bureauName)
    {
        var body = string.Join("\n", new[] { summary.Opening, summary.Text.Characteristics, bureauName, summary.DateText }
            .Concat(summary.Sections.Select(s => s.Text)).Select(Print));
        var missing = Fonts.MissingCharacters(FontRole.Title, summary.Title)
            .Union(Fonts.MissingCharacters(FontRole.Heading, string.Concat(summary.Sections.Select(s => s.Heading))))
            .Union(Fonts.MissingCharacters(FontRole.Body, body))
            .Union(Fonts.MissingCharacters(FontRole.SubHeading, string.Concat(body.Split('\n').Where(l => OutlineHeadings.RoleOf(l) == FontRole.SubHeading))))
            .ToList();
        return missing.Count == 0
            ? null
            : $"工作总结中有字体无法显示的字：{string.Join("、", missing)}。请改用规范汉字，或由管理员配置包含这些字的字体（Letters:Fonts）后再下载PDF。";
    }

    /// <summary>The summary laid out on the GB/T 9704 grid.</summary>
    public TypesetDocument Layout(SummaryView summary, string bureauName)
    {
        var blocks = new List<Block>
        {
            new TextBlock(summary.Title, Title) { Tag = "title" },
            new BlankLines(1),
            new TextBlock(Print(summary.Opening), TextStyle.Paragraph) { Tag = "opening" },
        };
        AddProse(blocks, summary.Text.Characteristics, afterHeading: false);
        foreach (var (heading, text) in summary.Sections)
        {
            blocks.Add(new TextBlock(heading, Heading) { Tag = "heading" });
            AddProse(blocks, text, afterHeading: true);
        }

        // 署名 centred over the date, on the page of the body's last line (never a page with the signature alone).
        var nameIndent = Math.Max(0, Signature.RightIndent
            + (Typesetter.MeasureCells(_grid, Fonts, summary.DateText, Signature) - Typesetter.MeasureCells(_grid, Fonts, bureauName, Signature)) / 2);
        blocks.Add(new BlankLines(1));
        blocks.Add(new TextBlock(bureauName, Signature with { RightIndent = nameIndent }) { Tag = "signature", KeepWithPrevious = true });
        blocks.Add(new TextBlock(summary.DateText, Signature) { Tag = "date", KeepWithPrevious = true });
        return Typesetter.Layout(_grid, Fonts, blocks);
    }

    /// <summary>The summary's PDF bytes; check <see cref="WhyNotPrintable"/> first.</summary>
    public byte[] Write(SummaryView summary, string bureauName)
    {
        using var document = TypesetRenderer.Render(Layout(summary, bureauName), pageNumbers: true, title: summary.Title);
        document.Info.Author = bureauName;
        return TypesetRenderer.Save(document);
    }

    /// <summary>One block per paragraph of the Office's text; the first line after a heading stays on the heading's page.</summary>
    private static void AddProse(List<Block> blocks, string text, bool afterHeading)
    {
        var first = afterHeading;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // A （一） heading standing alone is set in 楷体, and keeps with the paragraph after it.
            var role = OutlineHeadings.RoleOf(line);
            blocks.Add(new TextBlock(Print(line), role is { } r ? TextStyle.Paragraph with { Font = r } : TextStyle.Paragraph)
                { Tag = role is null ? "body" : "subheading", KeepWithPrevious = first });
            first = role is not null;
        }
    }

    /// <summary>
    /// The portal keeps half-width , ; ( ) as typed (the .docx prints them so); a printed official document uses the
    /// full-width marks, as the letters do.
    /// </summary>
    private static string Print(string text) => ChineseLineBreaker.ToChinesePunctuation(text);
}
