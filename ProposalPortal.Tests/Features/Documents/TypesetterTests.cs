using ProposalPortal.Features.Documents.Fonts;
using ProposalPortal.Features.Documents.Typesetting;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Documents;

/// <summary>The official-document typesetter, read back from the PDF it produces.</summary>
public sealed class TypesetterTests
{
    private static readonly PageGeometry Grid = PageGeometry.Gb9704;

    private const string Sample =
        "我市已于2018年5月8日将电动汽车充电基础设施建设特许经营权授权划入楚雄市城乡建设投资集团有限公司，并编制审定了《楚雄市充电基础设施建设规划（2019—2023年）》，" +
        "由该公司牵头招募项目合作伙伴，按审定规划推进项目实施。截至目前，楚雄市已累计建成集中式充电站3座、分散式充电点23个，累计充电桩255个；" +
        "下一步，我局将会同有关部门加快推进“十四五”充电设施规划落地见效！";

    private static byte[] Render(IReadOnlyList<Block> blocks, IReadOnlyList<Block>? footer = null, bool footerOnEvenPage = false)
    {
        var layout = Typesetter.Layout(Grid, DocumentFonts.Shipped, blocks, footer, footerOnEvenPage);
        using var pdf = TypesetRenderer.Render(layout);
        return TypesetRenderer.Save(pdf);
    }

    private static IEnumerable<PdfInspection.Glyph> BodyGlyphs(PdfInspection.PageContent page) =>
        page.Glyphs.Where(g => g.Baseline < Grid.Bottom + 5);

    [Fact]
    public void TextComesOutOfThePdfExactlyAsWrittenWithNoRadicalLookAlikes()
    {
        var pdf = Render([new TextBlock(Sample, TextStyle.Paragraph)]);

        var page = Assert.Single(PdfInspection.Read(pdf));
        var text = string.Concat(BodyGlyphs(page).Select(g => g.Text));
        Assert.Equal(Sample, text);
        // 一 must come out as U+4E00, not as the Kangxi radical ⼀ (U+2F00) or a CJK radical supplement character.
        Assert.DoesNotContain(text, c => c is >= '\u2E80' and <= '\u2FDF');
    }

    [Fact]
    public void ChineseCharactersSitInTheCellsOfTheGridAndDigitsInHalfCells()
    {
        var pdf = Render([new TextBlock(Sample, TextStyle.Paragraph)]);

        var glyphs = BodyGlyphs(PdfInspection.Read(pdf)[0]).ToList();
        var half = Grid.Cell / 2;
        foreach (var g in glyphs.Where(g => g.Text[0] >= 0x2E80))
        {
            // Each full-width glyph is centred in a cell, cells start at a half cell of the grid.
            var centre = g.Left + g.FontSize / 2;
            var cells = (centre - Grid.Left - half) / half;
            Assert.True(Math.Abs(cells - Math.Round(cells)) < 0.1, $"{g.Text} at {g.Left:F1} is off the grid");
            Assert.InRange(g.Left, Grid.Left - 1, Grid.Right);
        }

        // The first line starts two characters in; lines follow each other at the grid's pitch.
        Assert.Equal(Grid.Left + 2 * Grid.Cell + (Grid.Cell - 16) / 2, glyphs[0].Left, 1.0);
        var baselines = glyphs.Select(g => Math.Round(g.Baseline, 1)).Distinct().ToList();
        Assert.True(baselines.Count >= 4);
        for (var i = 1; i < baselines.Count; i++)
        {
            Assert.Equal(Grid.LinePitch, baselines[i] - baselines[i - 1], 0.5);
        }

        // The first line's characters fill the type area's top line: 37 mm from the top edge.
        Assert.Equal(Grid.Top + (Grid.LinePitch - 16) / 2 + 0.88 * 16, glyphs[0].Baseline, 1.0);
        // 28 cells per full line: the first line holds 26 after the indent (digits take half cells).
        Assert.Equal(28, Grid.CharactersPerLine);
        Assert.Equal(156 * PageGeometry.PointsPerMillimetre / 28, Grid.Cell, 3);
    }

    [Fact]
    public void LongTextPaginatesOnA4WithPageNumbersOnTheOutsideCorner()
    {
        var blocks = Enumerable.Range(1, 14).Select(i => (Block)new TextBlock($"{i}.{Sample}", TextStyle.Paragraph)).ToList();
        var pdf = Render(blocks);

        var pages = PdfInspection.Read(pdf);
        Assert.True(pages.Count >= 3, $"only {pages.Count} pages");
        foreach (var page in pages)
        {
            Assert.Equal(595.28, page.Width, 0.5);
            Assert.Equal(841.89, page.Height, 0.5);
            // At most 22 lines of text per page, all inside the type area.
            var lines = BodyGlyphs(page).Select(g => Math.Round(g.Baseline)).Distinct().Count();
            Assert.InRange(lines, 1, 22);
            Assert.All(BodyGlyphs(page), g => Assert.InRange(g.Baseline, Grid.Top, Grid.Bottom));

            var number = page.Glyphs.Where(g => g.Baseline > Grid.Bottom + 5).ToList();
            Assert.Equal(TypesetRenderer.PageNumberText(page.Number), string.Concat(number.Select(g => g.Text)));
            if (page.Number % 2 == 1)
            {
                Assert.Equal(Grid.Right - 14, number[^1].Left + number[^1].Width, 1.5); // odd: right, one character in
            }
            else
            {
                Assert.Equal(Grid.Left + 14, number[0].Left, 1.5); // even: left, one character in
            }
        }

        // Nothing is lost or repeated across the page breaks.
        var all = string.Concat(pages.SelectMany(p => BodyGlyphs(p)).Select(g => g.Text));
        Assert.Equal(string.Concat(blocks.Cast<TextBlock>().Select(b => b.Text)), all);
    }

    [Fact]
    public void ClosingPunctuationNeverStartsALineAndOpeningPunctuationNeverEndsOne()
    {
        // Every shift of the text moves punctuation to every position of the line, the line ends included.
        for (var shift = 0; shift < 28; shift++)
        {
            var text = new string('字', shift) + Sample + "（一）《关于加快推进新能源汽车充电设施建设的提案》收悉。“十四五”期间，……";
            var layout = Typesetter.Layout(Grid, DocumentFonts.Shipped, [new TextBlock(text, TextStyle.Paragraph)]);
            var lines = layout.Lines.Select(l => l.Text).ToList();
            Assert.Equal(text, string.Concat(lines));
            for (var i = 0; i < lines.Count; i++)
            {
                if (i > 0)
                {
                    Assert.DoesNotContain(lines[i][0], ChineseLineBreaker.NoLineStart);
                }

                if (i < lines.Count - 1)
                {
                    Assert.DoesNotContain(lines[i][^1], ChineseLineBreaker.NoLineEnd);
                }
            }

            Assert.All(layout.Lines, l => Assert.True(l.Right <= Grid.Right + 0.5, $"line '{l.Text}' overflows"));
        }
    }

    [Fact]
    public void ANumberKeepsItsUnitOnTheSameLine()
    {
        for (var shift = 0; shift < 28; shift++)
        {
            var text = new string('字', shift) + "截至2022年8月22日累计建成充电桩255个、充电站3座。";
            var layout = Typesetter.Layout(Grid, DocumentFonts.Shipped, [new TextBlock(text, TextStyle.Paragraph)]);
            var lines = layout.Lines.Select(l => l.Text).ToList();
            for (var i = 1; i < lines.Count; i++)
            {
                Assert.False(char.IsAsciiDigit(lines[i - 1][^1]) && "年月日个座".Contains(lines[i][0], StringComparison.Ordinal),
                    $"'{lines[i - 1]}' / '{lines[i]}'");
            }
        }
    }

    [Fact]
    public void ALongTitleIsWrappedIntoBalancedCentredLines()
    {
        var title = "楚雄市发展和改革局关于市政协十届一次会议第199号提案的答复";
        var style = new TextStyle { Font = FontRole.Title, Size = 22, OnGrid = false, Alignment = TextAlignment.Center };
        var layout = Typesetter.Layout(Grid, DocumentFonts.Shipped, [new TextBlock(title, style)]);

        var lines = layout.Lines.ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(title, lines[0].Text + lines[1].Text);
        Assert.InRange(Math.Abs(lines[0].Text.Length - lines[1].Text.Length), 0, 3);
        foreach (var line in lines)
        {
            var centre = (line.Left + line.Right) / 2;
            Assert.Equal((Grid.Left + Grid.Right) / 2, centre, 3.0);
        }
    }

    [Fact]
    public void AFooterSitsAtTheBottomOfTheLastPageAndKeptBlocksMoveTogether()
    {
        var body = Enumerable.Range(0, 5).Select(_ => (Block)new TextBlock(Sample, TextStyle.Paragraph)).ToList();
        body.Add(new BlankLines(1));
        body.Add(new TextBlock("楚雄市发展和改革局\n2022年8月22日", new TextStyle { Alignment = TextAlignment.Right, RightIndent = 4 })
        {
            KeepTogether = true,
            KeepWithPrevious = true,
            Tag = "signature",
        });
        var layout = Typesetter.Layout(Grid, DocumentFonts.Shipped, body,
            [new TextBlock("抄送：市人民政府办公室，市政协提案委员会。", new TextStyle { Size = 14, OnGrid = false, LeftIndent = 1 }) { Tag = "cc" }]);

        var signature = layout.Tagged("signature");
        Assert.Equal(2, signature.Count);
        Assert.Equal(signature[0].PageIndex, signature[1].PageIndex);
        // Never a page with nothing but the signature: a body line goes with it.
        var page = layout.Pages[signature[0].PageIndex];
        Assert.Contains(page.Lines, l => l.Tag is null);
        var cc = Assert.Single(layout.Tagged("cc"));
        Assert.Equal(layout.Pages.Count - 1, cc.PageIndex);
        Assert.Equal(Grid.LinesPerPage - 1, cc.GridLine);
        // The date ends four characters before the right edge.
        Assert.Equal(Grid.Right - 4 * Grid.Cell, signature[1].Right, 1.0);
    }

    [Fact]
    public void CharactersTheFontLacksAreFoundBeforePrinting()
    {
        var fonts = DocumentFonts.Shipped;

        Assert.Empty(fonts.MissingCharacters(FontRole.Body, "杞发荣委员、徐彦委员：楚市发改复〔2022〕12号 — 1 —（此件公开发布）“”《》ABC123"));
        Assert.Equal(["𠀀", "㐀"], fonts.MissingCharacters(FontRole.Body, "张𠀀三㐀"));
    }

    [Fact]
    public void HalfWidthPunctuationNextToChineseIsPrintedFullWidth()
    {
        Assert.Equal("您提出的《关于……的提案》收悉，现答复如下：", ChineseLineBreaker.ToChinesePunctuation("您提出的《关于……的提案》收悉，现答复如下："));
        Assert.Equal("规划（2019-2023年），版本3.5", ChineseLineBreaker.ToChinesePunctuation("规划（2019-2023年），版本3.5"));
        Assert.Equal("时间10:30，地点A.B", ChineseLineBreaker.ToChinesePunctuation("时间10:30，地点A.B"));
    }

    [Fact]
    public void EachRoleIsPrintedInItsOwnShippedFace()
    {
        var pdf = Render(
        [
            new TextBlock("工作总结", new TextStyle { Font = FontRole.Title, Size = 22, OnGrid = false, Alignment = TextAlignment.Center }),
            new TextBlock("一、主要做法", TextStyle.Paragraph with { Font = OutlineHeadings.RoleOf("一、主要做法")!.Value }),
            new TextBlock("（一）思想统一，认识到位。", TextStyle.Paragraph with { Font = OutlineHeadings.RoleOf("（一）思想统一，认识到位。")!.Value }),
            new TextBlock("正文", TextStyle.Paragraph with { Font = OutlineHeadings.RoleOf("正文") ?? FontRole.Body }),
        ]);

        // pdffonts (poppler) names the embedded subset fonts: Song for body and title, a sans for 黑体, the Kai for 楷体.
        var fonts = string.Join('\n', PdfInspection.Fonts(pdf));
        var glyphs = PdfInspection.Read(pdf)[0].Glyphs;
        string FontOf(string text) => glyphs.First(g => g.Text == text).FontName;
        Assert.Equal(FontOf("工"), FontOf("正"));
        Assert.Contains("AR PL SungtiL GB", FontOf("正"), StringComparison.Ordinal);
        Assert.Contains("Droid Sans Fallback", FontOf("主"), StringComparison.Ordinal);
        Assert.Contains("AR PL KaitiM GB", FontOf("思"), StringComparison.Ordinal);
        Assert.Contains("Droid Sans Fallback", fonts, StringComparison.Ordinal);
        Assert.Contains("AR PL KaitiM GB", fonts, StringComparison.Ordinal);
        Assert.Null(OutlineHeadings.RoleOf("（一）思想统一，认识到位。切实增强人大代表建议和政协提案办理工作的责任感。"));
    }

    [Fact]
    public void ForDoubleSidedPrintingTheFooterSitsAtTheFootOfAnEvenPageWithABlankPageAddedWhenNeeded()
    {
        var footer = new Block[] { new TextBlock("抄送：市政协提案委员会。", new TextStyle { Size = 14, OnGrid = false, LeftIndent = 1 }) { Tag = "cc" } };
        static List<Block> Lines(int count) => Enumerable.Range(0, count).Select(i => (Block)new TextBlock($"第{i + 1}行", TextStyle.Paragraph)).ToList();

        // Content ends on page 1 (odd): the footer goes to the foot of page 2.
        var shortPdf = Render(Lines(5), footer, footerOnEvenPage: true);
        var pages = PdfText(shortPdf);
        Assert.Equal(2, pages.Length);
        Assert.DoesNotContain("抄送", pages[0], StringComparison.Ordinal);
        Assert.Contains("抄送：市政协提案委员会。", pages[1], StringComparison.Ordinal);
        Assert.Contains("— 2 —", pages[1], StringComparison.Ordinal);
        var cc = Assert.Single(PdfInspection.Read(shortPdf)[1].Glyphs, g => g.Text == "抄");
        Assert.True(cc.Baseline > Grid.Bottom - Grid.LinePitch, "the 版记 is on the last line of the page");

        // Content fills pages 1 and 2, the footer does not fit: page 3 is left blank, the footer is on page 4, and
        // neither carries a page number (GB/T 9704 7.5.1).
        var longPdf = Render(Lines(2 * Grid.LinesPerPage), footer, footerOnEvenPage: true);
        pages = PdfText(longPdf);
        Assert.Equal(4, pages.Length);
        Assert.Equal(string.Empty, pages[2].Trim());
        Assert.Contains("抄送", pages[3], StringComparison.Ordinal);
        Assert.DoesNotContain("—", pages[3], StringComparison.Ordinal);
        Assert.Contains("— 2 —", pages[1], StringComparison.Ordinal);

        // Single-sided: the footer stays on the last page of the content.
        Assert.Single(PdfText(Render(Lines(5), footer)));
    }

    [Fact]
    public void ATitleBreaksBetweenWordsNeverInsideASessionNameOrANumberWithItsUnit()
    {
        var style = new TextStyle { Font = FontRole.Title, Size = 22, OnGrid = false, Alignment = TextAlignment.Center };
        foreach (var bureau in new[] { "楚雄市发展和改革局", "楚雄市住房和城乡建设局", "楚雄市局", "楚雄彝族自治州人民政府办公室", "市局" })
        {
            foreach (var session in new[] { "市政协十届五次会议第199号提案", "市十九届人大二次会议第23号建议", "州政协十一届一次会议第7号提案" })
            {
                var title = $"{bureau}关于{session}的答复";
                var lines = Typesetter.Layout(Grid, DocumentFonts.Shipped, [new TextBlock(title, style)]).Lines.Select(l => l.Text).ToList();
                Assert.Equal(title, string.Concat(lines));
                var at = 0;
                foreach (var line in lines.SkipLast(1))
                {
                    at += line.Length;
                    var around = title[Math.Max(0, at - 6)..Math.Min(title.Length, at + 6)];
                    foreach (var word in new[] { "十届五次会议", "十九届人大二次会议", "十一届一次会议", "第199号", "第23号", "第7号" })
                    {
                        var start = title.IndexOf(word, StringComparison.Ordinal);
                        Assert.False(start >= 0 && at > start && at < start + word.Length, $"'{title}' breaks inside {word}: …{around}…");
                    }
                }
            }
        }
    }

    [Fact]
    public void DigitsInChineseTextReadWithoutSpacesAroundThem()
    {
        var pdf = Render([new TextBlock("截至2022年8月22日，累计建成充电桩255个，覆盖率达98.7%，5G基站1200个。", TextStyle.Paragraph)]);

        var text = PdfText(pdf)[0];
        Assert.Contains("截至2022年8月22日，累计建成充电桩255个，覆盖率达98.7%，5G基站1200个。", text.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>The text of each page as pdftotext (poppler) reads it.</summary>
    private static string[] PdfText(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"text-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var (exit, text) = PdfInspection.Run("/usr/bin/pdftotext", $"\"{file}\" -");
            Assert.Equal(0, exit);
            return text.TrimEnd('\f', '\n').Split('\f');
        }
        finally
        {
            File.Delete(file);
        }
    }
}
