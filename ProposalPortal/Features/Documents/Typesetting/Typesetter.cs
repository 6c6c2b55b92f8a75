using PdfSharp.Drawing;
using ProposalPortal.Features.Documents.Fonts;

namespace ProposalPortal.Features.Documents.Typesetting;

/// <summary>A piece of a laid line: <see cref="X"/> is where its text is drawn, in points from the page's left edge.</summary>
public sealed record PlacedRun(string Text, double X, double Advance, bool IsFullWidth);

/// <summary>One laid line on its page. Positions are in points from the page's top-left corner.</summary>
public sealed record TypesetLine(
    int PageIndex,
    int GridLine,
    double Top,
    double Baseline,
    TextStyle Style,
    double FontSize,
    IReadOnlyList<PlacedRun> Runs,
    string? Tag)
{
    public string Text => string.Concat(Runs.Select(r => r.Text));
    public double Left => Runs.Count == 0 ? 0 : Runs[0].X;
    public double Right => Runs.Count == 0 ? 0 : Runs[^1].X + Runs[^1].Advance;
}

public sealed record TypesetPage(int Index, IReadOnlyList<TypesetLine> Lines)
{
    /// <summary>The printed page number, 1-based.</summary>
    public int Number => Index + 1;
}

/// <summary>The result of <see cref="Typesetter.Layout"/>: pages of positioned lines, ready to draw.</summary>
public sealed record TypesetDocument(PageGeometry Geometry, DocumentFonts Fonts, IReadOnlyList<TypesetPage> Pages)
{
    /// <summary>
    /// Page indexes that carry no page number: a blank page added for double-sided printing and the 版记 page after
    /// it (GB/T 9704 7.5.1: 版记页前有空白页的，空白页和版记页均不编排页码).
    /// </summary>
    public IReadOnlySet<int> Unnumbered { get; init; } = new HashSet<int>();

    public IEnumerable<TypesetLine> Lines => Pages.SelectMany(p => p.Lines);

    /// <summary>The lines of the blocks that carry <paramref name="tag"/>.</summary>
    public IReadOnlyList<TypesetLine> Tagged(string tag) => Lines.Where(l => l.Tag == tag).ToList();
}

/// <summary>
/// Lays blocks of Chinese text on the official-document grid (GB/T 9704: 28 characters × 22 lines): every
/// full-width character in a cell of the grid, Latin letters and digits as half-width runs that take whole half
/// cells, line breaks by <see cref="ChineseLineBreaker"/>, paragraphs indented, centred titles wrapped into balanced
/// lines, pages filled line by line with the blocks' keep rules. It knows nothing about letters: any document
/// (reply letters, the annual summary) is a list of <see cref="Block"/>s.
/// </summary>
/// <example>
/// <code>
/// var layout = Typesetter.Layout(PageGeometry.Gb9704, DocumentFonts.Shipped,
///     [new TextBlock("标题", new TextStyle { Font = FontRole.Title, Size = 22, OnGrid = false, Alignment = TextAlignment.Center }),
///      new BlankLines(1),
///      new TextBlock("正文……", TextStyle.Paragraph)]);
/// using var pdf = TypesetRenderer.Render(layout);
/// byte[] bytes = TypesetRenderer.Save(pdf);
/// </code>
/// </example>
public static class Typesetter
{
    /// <summary>The ideographic em box's top lies this far above the baseline, in ems.</summary>
    internal const double Ascent = 0.88;

    /// <param name="geometry">The page and its grid.</param>
    /// <param name="fonts">The faces for each <see cref="FontRole"/>.</param>
    /// <param name="blocks">The document's content in reading order.</param>
    /// <param name="lastPageFooter">Blocks set at the bottom of the last page (the 版记 of an official document);
    /// a new page is started when they do not fit under the content.</param>
    /// <param name="footerOnEvenPage">Double-sided printing: the footer goes on an even page (the back of the last
    /// sheet), a blank page being added before it when the content ends on an even page and the footer does not fit.</param>
    public static TypesetDocument Layout(PageGeometry geometry, DocumentFonts fonts, IReadOnlyList<Block> blocks,
        IReadOnlyList<Block>? lastPageFooter = null, bool footerOnEvenPage = false)
    {
        var unnumbered = new HashSet<int>();
        using var measure = new Measurer(fonts);
        var pending = new List<PendingLine>();
        foreach (var block in blocks)
        {
            AddBlock(geometry, measure, block, pending);
        }

        var footer = new List<PendingLine>();
        foreach (var block in lastPageFooter ?? [])
        {
            AddBlock(geometry, measure, block, footer);
        }

        var placements = Paginate(geometry, pending);
        var footerSpan = footer.Sum(f => f.Span);
        if (footer.Count > 0)
        {
            if (footerSpan > geometry.LinesPerPage)
            {
                throw new InvalidOperationException("The footer does not fit on a page.");
            }

            var lastPage = placements.Count == 0 ? 0 : placements[^1].Page;
            var used = placements.Where(p => p.Page == lastPage).Select(p => p.GridLine + p.Line.Span).DefaultIfEmpty(0).Max();
            var contentPage = lastPage;
            if (used + footerSpan > geometry.LinesPerPage)
            {
                lastPage++;
            }

            if (footerOnEvenPage && lastPage % 2 == 0)
            {
                lastPage++; // Index 0 is page 1: an even index is an odd page, the front of a sheet.
            }

            if (lastPage > contentPage + 1)
            {
                // A blank page before the 版记 page: neither is numbered.
                unnumbered.Add(lastPage - 1);
                unnumbered.Add(lastPage);
            }

            var grid = geometry.LinesPerPage - footerSpan;
            foreach (var line in footer)
            {
                if (!line.IsBlank)
                {
                    placements.Add(new Placement(line, lastPage, grid));
                }

                grid += line.Span;
            }
        }

        var pageCount = placements.Count == 0 ? 1 : placements.Max(p => p.Page) + 1;
        var pages = Enumerable.Range(0, pageCount).Select(index => new TypesetPage(index,
            placements.Where(p => p.Page == index && !p.Line.IsBlank).Select(p => Position(geometry, p)).ToList())).ToList();
        return new TypesetDocument(geometry, fonts, pages) { Unnumbered = unnumbered };
    }

    /// <summary>The width a text takes on the grid, in cells (for aligning one line on another, e.g. a name over a date).</summary>
    public static double MeasureCells(PageGeometry geometry, DocumentFonts fonts, string text, TextStyle style)
    {
        using var measure = new Measurer(fonts);
        var size = style.Size ?? geometry.BodySize;
        var units = ChineseLineBreaker.Split(text, s => measure.Width(s, style.Font, size), size);
        var unitWidth = style.OnGrid ? geometry.Cell : size;
        return units.Sum(u => Advance(geometry, style, size, u)) / unitWidth;
    }

    private static double Advance(PageGeometry geometry, TextStyle style, double size, TextUnit unit)
    {
        if (!style.OnGrid)
        {
            return unit.IsFullWidth ? size : unit.Width;
        }

        if (unit.IsFullWidth)
        {
            return geometry.Cell;
        }

        // Half-width runs take whole half cells, so that the characters after them land on the grid again: the
        // nearest whole number, not the next one up. A digit (half an em) is a hair wider than half a grid cell, so
        // rounding up gave "2022" five half cells and a visible gap on either side, read as "2022 年".
        var half = geometry.Cell / 2;
        return Math.Max(1, Math.Round(unit.Width / half, MidpointRounding.AwayFromZero)) * half;
    }

    private static void AddBlock(PageGeometry geometry, Measurer measure, Block block, List<PendingLine> pending)
    {
        switch (block)
        {
            case PageBreak:
                pending.Add(new PendingLine(null, 0, [], null, true, false, true));
                return;
            case BlankLines blank:
                for (var i = 0; i < blank.Count; i++)
                {
                    pending.Add(new PendingLine(null, 1, [], block.Tag, CanBreakBefore: true, IsBlank: true));
                }

                return;
            case TextBlock text:
                AddText(geometry, measure, text, pending);
                return;
            default:
                throw new NotSupportedException(block.GetType().Name);
        }
    }

    private static void AddText(PageGeometry geometry, Measurer measure, TextBlock block, List<PendingLine> pending)
    {
        var style = block.Style;
        var size = style.Size ?? geometry.BodySize;
        var unitWidth = style.OnGrid ? geometry.Cell : size;
        var first = true;
        if (block.KeepWithPrevious)
        {
            // Glue to the previous text line across any blank lines in between.
            for (var i = pending.Count - 1; i >= 0 && pending[i].IsBlank; i--)
            {
                pending[i] = pending[i] with { CanBreakBefore = false };
            }
        }

        foreach (var paragraph in block.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var units = ChineseLineBreaker.Split(paragraph, s => measure.Width(s, style.Font, size), size);
            double Capacity(int line) => geometry.Width - unitWidth * (style.LeftIndent + style.RightIndent + (line == 0 ? style.FirstLineIndent : 0));
            double Adv(TextUnit u) => Advance(geometry, style, size, u);
            var lines = ChineseLineBreaker.Break(units, Capacity, Adv);
            if (style.Alignment == TextAlignment.Center && lines.Count > 1)
            {
                lines = Balance(units, lines.Count, Capacity, Adv);
            }

            for (var i = 0; i < lines.Count; i++)
            {
                var runs = Place(geometry, style, size, unitWidth, lines[i], i, Adv);
                var canBreak = first ? !block.KeepWithPrevious : !block.KeepTogether;
                pending.Add(new PendingLine(style, style.LineSpan, runs, block.Tag, canBreak) { FontSize = size });
                first = false;
            }
        }
    }

    /// <summary>The narrowest lines that still give the same number of lines: a wrapped title comes out even.</summary>
    private static List<List<TextUnit>> Balance(List<TextUnit> units, int count, Func<int, double> capacity, Func<TextUnit, double> advance)
    {
        var full = capacity(1);
        var total = units.Sum(advance);
        var step = units.Max(advance);
        for (var width = Math.Max(step, total / count); width < full; width += step / 4)
        {
            var w = width;
            var lines = ChineseLineBreaker.Break(units, _ => w, advance);
            if (lines.Count == count)
            {
                return lines;
            }
        }

        return ChineseLineBreaker.Break(units, capacity, advance);
    }

    private static List<PlacedRun> Place(PageGeometry geometry, TextStyle style, double size, double unitWidth,
        List<TextUnit> units, int lineIndex, Func<TextUnit, double> advance)
    {
        // Trailing spaces take no room at the end of a line.
        var count = units.Count;
        while (count > 0 && units[count - 1].Text == " ")
        {
            count--;
        }

        var width = units.Take(count).Sum(advance);
        var x = style.Alignment switch
        {
            TextAlignment.Center => geometry.Left + (geometry.Width - width) / 2,
            TextAlignment.Right => geometry.Right - style.RightIndent * unitWidth - width,
            _ => geometry.Left + (style.LeftIndent + (lineIndex == 0 ? style.FirstLineIndent : 0)) * unitWidth,
        };
        if (style.OnGrid && style.Alignment != TextAlignment.Left)
        {
            // Centred and right-aligned grid text still starts on a half cell of the grid.
            var half = geometry.Cell / 2;
            x = geometry.Left + Math.Round((x - geometry.Left) / half) * half;
        }

        var runs = new List<PlacedRun>(count);
        for (var i = 0; i < count; i++)
        {
            var unit = units[i];
            var adv = advance(unit);
            // A full-width glyph is centred in its cell, a half-width run in its half cells.
            var drawX = unit.IsFullWidth ? x + (adv - size) / 2 : x + (adv - unit.Width) / 2;
            runs.Add(new PlacedRun(unit.Text, drawX, unit.IsFullWidth ? size : unit.Width, unit.IsFullWidth));
            x += adv;
        }

        return runs;
    }

    private static List<Placement> Paginate(PageGeometry geometry, List<PendingLine> lines)
    {
        var placements = new List<Placement>();
        var page = 0;
        var used = 0;
        var pageStart = 0;
        for (var i = 0; i < lines.Count;)
        {
            var line = lines[i];
            if (line.ForcesBreak)
            {
                if (used > 0)
                {
                    page++;
                    used = 0;
                }

                pageStart = ++i;
                continue;
            }

            if (line.IsBlank && used == 0)
            {
                i++; // Blank lines at the top of a page are dropped.
                pageStart = i;
                continue;
            }

            if (used + line.Span <= geometry.LinesPerPage)
            {
                placements.Add(new Placement(line, page, used, i));
                used += line.Span;
                i++;
                continue;
            }

            // The line does not fit: break at the nearest earlier line that allows it, and move the rest over.
            var breakAt = i;
            while (breakAt > pageStart && !lines[breakAt].CanBreakBefore)
            {
                breakAt--;
            }

            if (breakAt == pageStart)
            {
                breakAt = i; // Nothing on this page may move: keep what is placed.
            }

            placements.RemoveAll(p => p.Page == page && p.Index >= breakAt);
            page++;
            used = 0;
            pageStart = breakAt;
            i = breakAt;
        }

        return placements;
    }

    private static TypesetLine Position(PageGeometry geometry, Placement placement)
    {
        var line = placement.Line;
        var top = geometry.LineTop(placement.GridLine);
        var height = line.Span * geometry.LinePitch;
        var baseline = top + (height - line.FontSize) / 2 + Ascent * line.FontSize;
        return new TypesetLine(placement.Page, placement.GridLine, top, baseline, line.Style!, line.FontSize, line.Runs, line.Tag);
    }

    private sealed record PendingLine(TextStyle? Style, int Span, IReadOnlyList<PlacedRun> Runs, string? Tag,
        bool CanBreakBefore, bool IsBlank = false, bool ForcesBreak = false)
    {
        public double FontSize { get; init; }
    }

    private sealed record Placement(PendingLine Line, int Page, int GridLine, int Index = -1);

    /// <summary>Measures half-width runs with the real font metrics.</summary>
    private sealed class Measurer(DocumentFonts fonts) : IDisposable
    {
        private readonly XGraphics _graphics = XGraphics.CreateMeasureContext(new XSize(600, 800), XGraphicsUnit.Point, XPageDirection.Downwards);

        public double Width(string text, FontRole role, double size) =>
            _graphics.MeasureString(text, fonts.Get(fonts.FaceFor(role, text), size)).Width;

        public void Dispose() => _graphics.Dispose();
    }
}
