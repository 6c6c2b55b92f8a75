using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using ProposalPortal.Features.Documents.Fonts;
using ProposalPortal.Features.Documents.Typesetting;

namespace ProposalPortal.Features.Letters;

/// <summary>One row of a ruled form: a label of up to four characters and its value, which may wrap.</summary>
/// <param name="Lines">The least number of lines the row takes: room to write by hand (an opinion, a signature).</param>
public sealed record FormRow(string Label, string Value, int Lines = 1);

/// <summary>
/// What a ruled form of the file prints (交办通知单, 签批单, 回执): the bureau over the form's name as the title, a line
/// under it (the item and the date), the rows of the table, an optional note under the table and the issuer's name
/// and date.
/// </summary>
public sealed record FormContent(
    string Bureau,
    string Name,
    string Reference,
    IReadOnlyList<FormRow> Rows,
    string? Note = null,
    string? Issuer = null,
    string? Date = null,
    string? Mark = null)
{
    /// <summary>The title as printed: the bureau's name over the form's.</summary>
    public string Title => Bureau + "\n" + Name;

    /// <summary>Every character the form prints in the body face, for the font check.</summary>
    public string BodyText => string.Join("\n", new[] { Reference, Note, Issuer, Date, Mark }
        .Concat(Rows.SelectMany(r => new[] { r.Label, r.Value })).Where(s => !string.IsNullOrEmpty(s)));
}

/// <summary>
/// Lays the file's forms out with the official-document typesetter on the GB/T 9704 page and grid (A4, 天头 37 mm,
/// 订口 28 mm, 22 lines of 28 characters in 3号): the title in 2号 小标宋 centred on the first lines of the type area
/// (where a document without masthead puts it), then a table ruled around each row, the label in a column of its own.
/// The faces are the letters' (<c>Letters:Fonts</c>): one typesetter, one set of fonts for every paper the portal prints.
/// </summary>
public sealed class FormPdf(IOptions<LetterOptions> options)
{
    public const double TitleSize = 22;

    /// <summary>The label column: four characters with half a cell of air on either side.</summary>
    private const double LabelCells = 5;

    private readonly Lazy<DocumentFonts> _fonts = new(() => options.Value.Fonts.Load());

    public static PageGeometry Grid => PageGeometry.Gb9704;

    public DocumentFonts Fonts => _fonts.Value;

    private int _writes;

    /// <summary>Forms set by this process: a sign-off sets its 签批单 once (issue 17; SignOffCostTests).</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>The Chinese refusal when the fonts cannot print a character of the form (a rare name), or null.</summary>
    public string? WhyNotPrintable(FormContent form)
    {
        var missing = Fonts.MissingCharacters(FontRole.Body, form.BodyText).Union(Fonts.MissingCharacters(FontRole.Title, form.Title)).ToList();
        return missing.Count == 0
            ? null
            : $"{form.Name}中有字体无法显示的字：{string.Join("、", missing)}。请由管理员配置包含这些字的字体（Letters:Fonts）后再打印。";
    }

    public TypesetDocument Layout(FormContent form)
    {
        var blocks = new List<Block>
        {
            new TextBlock(form.Title, new TextStyle { Font = FontRole.Title, Size = TitleSize, OnGrid = false, Alignment = TextAlignment.Center }) { Tag = "title" },
            new BlankLines(1),
            new TextBlock(form.Reference, new TextStyle { Alignment = TextAlignment.Right }) { Tag = "reference" },
        };
        // The label starts half a cell in from the rule; the value after a one-cell gap, its continuation lines under it.
        var rowStyle = new TextStyle { LeftIndent = LabelCells + 0.5, FirstLineIndent = -LabelCells, RightIndent = 0.5 };
        for (var i = 0; i < form.Rows.Count; i++)
        {
            var row = form.Rows[i];
            var value = row.Value.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n');
            var lines = value.Split('\n').Length;
            // A line break starts a new paragraph at the label's place: push it over to the value's column. Extra lines
            // hold an ideographic space, so that each is a placed line inside the row's rules.
            value = value.Replace("\n", "\n" + new string('\u3000', (int)LabelCells), StringComparison.Ordinal);
            var text = Label(row.Label) + "\u3000" + (value.Length == 0 ? "\u3000" : value)
                + string.Concat(Enumerable.Repeat("\n\u3000", Math.Max(0, row.Lines - lines)));
            blocks.Add(new TextBlock(text, rowStyle) { Tag = RowTag(i), KeepTogether = true });
        }

        if (form.Note is { Length: > 0 } note)
        {
            blocks.Add(new TextBlock(note, new TextStyle { Size = Grid.SmallSize, OnGrid = false, FirstLineIndent = 0 }) { Tag = "note" });
        }

        if (form.Issuer is { } issuer && form.Date is { } date)
        {
            // As a letter's 落款: the date ends four characters from the right, the issuer centred over it.
            var dateStyle = new TextStyle { Alignment = TextAlignment.Right, RightIndent = 4 };
            var dateWidth = Typesetter.MeasureCells(Grid, Fonts, date, dateStyle);
            var nameWidth = Typesetter.MeasureCells(Grid, Fonts, issuer, dateStyle);
            blocks.Add(new BlankLines(1));
            blocks.Add(new TextBlock(issuer, dateStyle with { RightIndent = Math.Max(0, 4 + (dateWidth - nameWidth) / 2) }) { Tag = "issuer" });
            blocks.Add(new TextBlock(date, dateStyle) { Tag = "date", KeepWithPrevious = true });
        }

        if (form.Mark is { Length: > 0 } mark)
        {
            blocks.Add(new TextBlock(mark, new TextStyle { Size = Grid.SmallSize, OnGrid = false, Alignment = TextAlignment.Right }) { Tag = "mark", KeepWithPrevious = true });
        }

        return Typesetter.Layout(Grid, Fonts, blocks);
    }

    /// <summary>The form's PDF bytes; check <see cref="WhyNotPrintable"/> first.</summary>
    public byte[] Write(FormContent form)
    {
        Interlocked.Increment(ref _writes);
        TypesetDocument layout;
        using (Common.SignOffTrace.Phase("form: layout"))
        {
            layout = Layout(form);
        }

        using var rendering = Common.SignOffTrace.Phase("form: render and save");
        using var document = TypesetRenderer.Render(layout, pageNumbers: layout.Pages.Count > 1, title: form.Name,
            decorate: (gfx, page) => Decorate(gfx, page, form.Rows.Count));
        document.Info.Author = form.Bureau;
        return TypesetRenderer.Save(document);
    }

    /// <summary>"提出人" → "提 出 人", "文号" → "文　　号": every label four cells wide, as on a printed form.</summary>
    internal static string Label(string label) => label.Length switch
    {
        1 => "\u3000" + label + "\u3000\u3000",
        2 => label[0] + "\u3000\u3000" + label[1],
        3 => $"{label[0]} {label[1]} {label[2]}",
        _ => label,
    };

    private static string RowTag(int index) => $"row-{index}";

    /// <summary>Rules around every row and the label column's divider: the table, drawn page by page.</summary>
    private static void Decorate(XGraphics gfx, TypesetPage page, int rows)
    {
        var grid = Grid;
        var pen = new XPen(XColors.Black, 0.75);
        var divider = grid.Left + (LabelCells + 0.5) * grid.Cell - grid.Cell / 2;
        for (var i = 0; i < rows; i++)
        {
            var lines = page.Lines.Where(l => l.Tag == RowTag(i)).ToList();
            if (lines.Count == 0)
            {
                continue;
            }

            var top = lines[0].Top;
            var bottom = lines[^1].Top + grid.LinePitch;
            gfx.DrawRectangle(pen, grid.Left, top, grid.Width, bottom - top);
            gfx.DrawLine(pen, divider, top, divider, bottom);
        }
    }
}
