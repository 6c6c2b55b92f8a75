using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using ProposalPortal.Features.Documents.Fonts;
using ProposalPortal.Features.Documents.Typesetting;

namespace ProposalPortal.Features.Letters;

/// <summary>Where the visible signature goes: a page and a rectangle in points from the page's top-left corner.</summary>
public sealed record SignatureArea(int PageIndex, XRect Rect);

/// <summary>
/// Lays a <see cref="LetterContent"/> out as GB/T 9704 prescribes for the 版头, 主体 and 版记, on the typesetter's
/// grid: category mark top right; red masthead and, 4 mm under the document number, a red rule as wide as the
/// type area; the title in 2号 two lines under the rule; addressee flush left; body paragraphs indented two
/// characters; the bureau's name centred over the date, which ends four characters from the right, with the seal
/// over both; 附注 under the date; contact lines; 抄送 and 印发 between rules at the foot of the last page.
/// </summary>
public sealed class LetterRenderer
{
    /// <summary>The red of the masthead and rule (GB/T 9704: 红色).</summary>
    public const int Red = 0xE60012;

    /// <summary>Official seals are 42 mm across.</summary>
    public const double SealDiameterMm = 42;

    public const double MastheadSize = 40;
    public const double TitleSize = 22;

    private readonly PageGeometry _grid = PageGeometry.Gb9704;
    private readonly XImage? _seal;
    private readonly bool _doubleSided;

    public LetterRenderer(IOptions<LetterOptions> options)
    {
        Fonts = options.Value.Fonts.Load();
        _doubleSided = options.Value.DoubleSided;
        if (!string.IsNullOrWhiteSpace(options.Value.SealImage))
        {
            _seal = XImage.FromFile(options.Value.SealImage);
        }
    }

    public DocumentFonts Fonts { get; }

    private int _renders;

    /// <summary>Letters rendered by this process: a sign-off renders its letter once (issue 17; SignOffCostTests).</summary>
    public int Renders => Volatile.Read(ref _renders);

    public PageGeometry Grid => _grid;

    /// <summary>The characters of the letter that its fonts cannot print, or an empty list.</summary>
    public IReadOnlyList<string> MissingCharacters(LetterContent letter) =>
        Fonts.MissingCharacters(FontRole.Body, letter.AllText)
            .Union(Fonts.MissingCharacters(FontRole.Title, letter.Masthead + letter.Title))
            .Union(Fonts.MissingCharacters(FontRole.Heading, (letter.Category ?? "") + string.Concat(letter.Paragraphs.Where(p => OutlineHeadings.RoleOf(p) == FontRole.Heading))))
            .Union(Fonts.MissingCharacters(FontRole.SubHeading, string.Concat(letter.Paragraphs.Where(p => OutlineHeadings.RoleOf(p) == FontRole.SubHeading))))
            .ToList();

    /// <summary>The Chinese refusal for <see cref="MissingCharacters"/>, or null when the letter prints completely.</summary>
    public string? WhyNotPrintable(LetterContent letter)
    {
        var missing = MissingCharacters(letter);
        return missing.Count == 0
            ? null
            : $"答复函中有字体无法显示的字：{string.Join("、", missing)}。请改用规范汉字，或由管理员配置包含这些字的字体（Letters:Fonts）后再签发。";
    }

    /// <summary>The letter laid out on the grid.</summary>
    public TypesetDocument Layout(LetterContent letter)
    {
        var body = new List<Block>
        {
            // Line 1: the category mark (办理类别) at the top right; the masthead below it.
            new TextBlock(letter.Category ?? " ", new TextStyle { Font = FontRole.Heading, Alignment = TextAlignment.Right }) { Tag = "category" },
            new TextBlock(letter.Masthead, new TextStyle
            {
                Font = FontRole.Title, Size = MastheadSize, OnGrid = false, Alignment = TextAlignment.Center, LineSpan = 2, Color = Red,
            }) { Tag = "masthead" },
        };
        if (letter.DocumentNumber.Length > 0)
        {
            // 发文字号: two lines under the masthead, centred.
            body.Add(new BlankLines(2));
            body.Add(new TextBlock(letter.DocumentNumber, new TextStyle { Alignment = TextAlignment.Center }) { Tag = "number" });
        }

        body.Add(new BlankLines(2));
        body.Add(new TextBlock(letter.Title, new TextStyle { Font = FontRole.Title, Size = TitleSize, OnGrid = false, Alignment = TextAlignment.Center }) { Tag = "title" });
        body.Add(new BlankLines(1));
        body.Add(new TextBlock(letter.Addressee, TextStyle.Flush) { Tag = "addressee" });
        // 一、 and （一） headings standing alone in 黑体 and 楷体 (GB/T 9704), indented like the paragraphs.
        body.AddRange(letter.Paragraphs.Select(p => new TextBlock(p, OutlineHeadings.RoleOf(p) is { } role
            ? TextStyle.Paragraph with { Font = role }
            : TextStyle.Paragraph) { Tag = "body" }));

        // 落款: the date ends four characters from the right; the bureau's name is centred over it. Both stay on the
        // page of the body's last line, so no page carries the seal alone.
        var dateStyle = new TextStyle { Alignment = TextAlignment.Right, RightIndent = 4 };
        var dateWidth = Typesetter.MeasureCells(_grid, Fonts, letter.Date, dateStyle);
        var nameWidth = Typesetter.MeasureCells(_grid, Fonts, letter.Signature, dateStyle);
        var nameIndent = Math.Max(0, 4 + (dateWidth - nameWidth) / 2);
        body.Add(new BlankLines(2));
        body.Add(new TextBlock(letter.Signature, dateStyle with { RightIndent = nameIndent }) { Tag = "signature", KeepWithPrevious = true });
        body.Add(new TextBlock(letter.Date, dateStyle) { Tag = "date", KeepWithPrevious = true });
        if (letter.Note is not null)
        {
            body.Add(new TextBlock(letter.Note, TextStyle.Paragraph) { Tag = "note", KeepWithPrevious = true });
        }

        if (letter.ContactLines.Count > 0)
        {
            body.Add(new BlankLines(1));
            body.Add(new TextBlock(string.Join("\n", letter.ContactLines), TextStyle.Paragraph) { Tag = "contact", KeepTogether = true });
        }

        var footerStyle = new TextStyle { Size = _grid.SmallSize, OnGrid = false, LeftIndent = 1, RightIndent = 1 };
        var footer = new List<Block>();
        if (letter.CopyTo is not null)
        {
            footer.Add(new TextBlock(letter.CopyTo, footerStyle) { Tag = "cc" });
        }

        footer.Add(new TextBlock(SpreadToWidth(letter.PrintedBy, letter.PrintedOn, footerStyle), footerStyle) { Tag = "printed" });
        return Typesetter.Layout(_grid, Fonts, body, footer, footerOnEvenPage: _doubleSided);
    }

    /// <summary>
    /// Renders the letter. A preview carries a grey note at the top that it is not an issued document.
    /// The returned document is not saved yet, so that <see cref="LetterSigner"/> can sign it as it is saved.
    /// </summary>
    public (PdfDocument Document, SignatureArea Signature) Render(LetterContent letter)
    {
        Interlocked.Increment(ref _renders);
        var layout = Layout(letter);
        var date = layout.Tagged("date").Single();
        var name = layout.Tagged("signature").Single();
        var document = TypesetRenderer.Render(layout, pageNumbers: true, title: letter.Title, decorate: (gfx, page) => Decorate(gfx, page, layout, letter));

        // The visible signature field sits left of the name and date, on their lines, where the grid is empty.
        var signature = new SignatureArea(date.PageIndex, new XRect(_grid.Left, name.Top, _grid.Width * 0.42, date.Top + _grid.LinePitch - name.Top));
        return (document, signature);
    }

    private void Decorate(XGraphics gfx, TypesetPage page, TypesetDocument layout, LetterContent letter)
    {
        var mm = PageGeometry.PointsPerMillimetre;
        var red = new XPen(XColor.FromArgb((Red >> 16) & 0xFF, (Red >> 8) & 0xFF, Red & 0xFF), 1.0 * mm * 0.6);
        if (page.Index == 0)
        {
            // The red rule: 4 mm under the document number (or the masthead, for letters without a number).
            var numbers = layout.Tagged("number");
            var anchor = numbers.Count > 0 ? numbers[0] : layout.Tagged("masthead")[0];
            var y = anchor.Baseline + (1 - Typesetter.Ascent) * anchor.FontSize + 4 * mm;
            gfx.DrawLine(red, _grid.Left, y, _grid.Right, y);
            if (letter.IsPreview)
            {
                gfx.DrawString("预览稿：未经签发和电子签章，不是正式文件", Fonts.Get(FontRole.Body, 10.5), XBrushes.Gray,
                    new XRect(0, 12 * mm, _grid.PageWidth, 10 * mm), XStringFormats.Center);
            }
        }

        var date = layout.Tagged("date").Single();
        if (date.PageIndex == page.Index)
        {
            DrawSeal(gfx, layout.Tagged("signature").Single(), date);
        }

        var footer = page.Lines.Where(l => l.Tag is "cc" or "printed").ToList();
        if (footer.Count > 0)
        {
            // 版记: thick rules above the first and under the last line, thin rules between.
            var thick = new XPen(XColors.Black, 0.35 * mm);
            var thin = new XPen(XColors.Black, 0.25 * mm);
            for (var i = 0; i < footer.Count; i++)
            {
                gfx.DrawLine(i == 0 ? thick : thin, _grid.Left, footer[i].Top, _grid.Right, footer[i].Top);
            }

            var bottom = footer[^1].Top + _grid.LinePitch;
            gfx.DrawLine(thick, _grid.Left, bottom, _grid.Right, bottom);
        }
    }

    /// <summary>
    /// The seal is centred on the date and presses down on the name and date, which sit a little below its centre.
    /// Without a configured seal image a dashed outline marks the place: the portal never imitates a seal.
    /// </summary>
    private void DrawSeal(XGraphics gfx, TypesetLine name, TypesetLine date)
    {
        var size = SealDiameterMm * PageGeometry.PointsPerMillimetre;
        var centreX = (date.Left + date.Right) / 2;
        var centreY = (name.Top + date.Top + _grid.LinePitch) / 2 - 3 * PageGeometry.PointsPerMillimetre;
        var rect = new XRect(centreX - size / 2, centreY - size / 2, size, size);
        if (_seal is not null)
        {
            gfx.DrawImage(_seal, rect);
            return;
        }

        var pen = new XPen(XColors.Gray, 0.6) { DashStyle = XDashStyle.Dash };
        gfx.DrawRectangle(pen, rect);
    }

    /// <summary>"楚雄市发展和改革局办公室          2022年8月22日印发": the two parts at either end of the line.</summary>
    private string SpreadToWidth(string left, string right, TextStyle style)
    {
        var size = style.Size ?? _grid.BodySize;
        var available = _grid.Width / size - style.LeftIndent - style.RightIndent;
        var used = Typesetter.MeasureCells(_grid, Fonts, left + right, style);
        var gap = Math.Max(1, (int)Math.Floor(available - used - 0.05));
        return left + new string('\u3000', gap) + right;
    }
}
