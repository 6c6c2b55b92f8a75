using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Documents.Fonts;
using ProposalPortal.Features.Documents.Typesetting;

namespace ProposalPortal.Features.Letters;

/// <summary>Everything one proposer's 办理情况征询意见表 prints, as text.</summary>
public sealed record EvaluationFormContent(
    string Bureau,
    string ProposerName,
    string Session,
    int Number,
    string Title,
    string DocumentNumber,
    DateOnly IssuedOn,
    string Url,
    DateOnly ExpiresOn,
    string Address,
    string PostalCode,
    string ContactPhone)
{
    public const string FormTitle = "办理情况征询意见表";

    /// <summary>The boxes of one rating line.</summary>
    public static string Choices { get; } = string.Join("\u3000", new[] { Satisfaction.Satisfied, Satisfaction.BasicallySatisfied, Satisfaction.Unsatisfied }
        .Select(s => "□" + s.ToChinese()));

    public string ItemLines => string.Join("\n",
        $"提 出 人：{ProposerName}",
        $"届\u3000\u3000次：{Session}",
        $"编\u3000\u3000号：第{Number}号",
        $"标\u3000\u3000题：《{ChineseLineBreaker.ToChinesePunctuation(Title)}》",
        $"答复文号：{DocumentNumber}",
        $"答复日期：{ChineseDate.Format(IssuedOn)}");

    public string RatingLines => string.Join("\n",
        EvaluationRatings.DimensionNames.Prepend("总体评价").Select(d => $"{d}：{Choices}"));

    public string QrCaption => $"扫码在线评价（{ProposerName}专用，请勿转给他人）\n在线评价截止：{ChineseDate.Format(ExpiresOn)}";

    public string ReturnLines
    {
        get
        {
            var lines = new List<string> { $"请于{ChineseDate.Format(ExpiresOn)}前填写本表寄回，或扫码在线评价。" };
            if (Address.Length > 0)
            {
                lines.Add($"回寄地址：{Address}" + (PostalCode.Length == 0 ? string.Empty : $"（邮编：{PostalCode}）"));
            }

            lines.Add($"收 件 人：{Bureau}办公室");
            if (ContactPhone.Length > 0)
            {
                lines.Add($"联系电话：{ContactPhone}");
            }

            return string.Join("\n", lines);
        }
    }

    /// <summary>Every character the form prints in the body face, for the font check.</summary>
    public string AllText => string.Join("\n", ItemLines, RatingLines, QrCaption, ReturnLines, "请在□内打“√”。意见和建议：", "提出人（签名）：年月日", Url);
}

/// <summary>
/// Lays one proposer's 办理情况征询意见表 out with the official-document typesetter, on one A4 page in 4号: the title,
/// the item and the reply's number and date, a line of boxes for the overall verdict and for each rating dimension,
/// ruled lines for a handwritten opinion and the signature, the proposer's personal QR code with their link printed
/// as text, the deadline and the return address. The faces are the letters' (<c>Letters:Fonts</c>).
/// </summary>
public sealed class EvaluationFormPdf(IOptions<LetterOptions> options)
{
    /// <summary>A form rather than an official document: 4号 on a 32 × 33 grid, so that it all fits on one sheet.</summary>
    public static PageGeometry Page { get; } = PageGeometry.Gb9704 with
    {
        TopMarginMm = 22,
        LeftMarginMm = 25,
        TypeAreaWidthMm = 160,
        TypeAreaHeightMm = 250,
        CharactersPerLine = 32,
        LinesPerPage = 33,
        BodySize = 14,
        SmallSize = 10.5,
    };

    /// <summary>How many grid characters wide (and how many lines high) the QR code is.</summary>
    private const int QrCells = 6;
    private const int QrLines = 4;
    private const int HandwritingLines = 4;
    private const double UrlSize = 9;

    private readonly Lazy<DocumentFonts> _fonts = new(() =>
        options.Value.Fonts.Load());

    public DocumentFonts Fonts => _fonts.Value;

    /// <summary>The Chinese refusal when the fonts cannot print a character of the form (a rare name), or null.</summary>
    public string? WhyNotPrintable(EvaluationFormContent form)
    {
        var missing = Fonts.MissingCharacters(FontRole.Body, form.AllText).Union(Fonts.MissingCharacters(FontRole.Title, EvaluationFormContent.FormTitle)).ToList();
        return missing.Count == 0
            ? null
            : $"征询意见表中有字体无法显示的字：{string.Join("、", missing)}。请由管理员配置包含这些字的字体（Letters:Fonts）后再打印。";
    }

    public TypesetDocument Layout(EvaluationFormContent form)
    {
        var grid = Page;
        var blocks = new List<Block>
        {
            new TextBlock(EvaluationFormContent.FormTitle, new TextStyle { Font = FontRole.Title, Size = 22, OnGrid = false, Alignment = TextAlignment.Center, LineSpan = 2 }) { Tag = "title" },
            new BlankLines(1),
            // 标题 may wrap: continuation lines hang under the text after the five-character label.
            new TextBlock(form.ItemLines, new TextStyle { LeftIndent = 5, FirstLineIndent = -5 }) { Tag = "item" },
            new BlankLines(1),
            new TextBlock("请在□内打“√”：", TextStyle.Flush) { Tag = "rating-note" },
            new TextBlock(form.RatingLines, TextStyle.Flush) { Tag = "rating" },
            new TextBlock("意见和建议：", TextStyle.Flush) { Tag = "opinion" },
            // Empty lines that Decorate rules for handwriting (an ideographic space, so that each is a placed line).
            new TextBlock(string.Join("\n", Enumerable.Repeat("\u3000", HandwritingLines)), TextStyle.Flush) { Tag = "handwriting", KeepTogether = true },
            new TextBlock("提出人（签名）：\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日", new TextStyle { Alignment = TextAlignment.Right }) { Tag = "sign" },
            new BlankLines(1),
            // The caption sits right of the code, which Decorate draws over the first lines' left part.
            new TextBlock(form.QrCaption + string.Concat(Enumerable.Repeat("\n\u3000", QrLines - 2)), new TextStyle { LeftIndent = QrCells + 1 })
            {
                Tag = "qr", KeepTogether = true,
            },
            new TextBlock("评价链接：" + form.Url, new TextStyle { Size = UrlSize, OnGrid = false }) { Tag = "url", KeepWithPrevious = true },
            new BlankLines(1),
            new TextBlock(form.ReturnLines, new TextStyle { LeftIndent = 5, FirstLineIndent = -5 }) { Tag = "return" },
        };
        return Typesetter.Layout(grid, Fonts, blocks);
    }

    /// <summary>The form's PDF bytes; check <see cref="WhyNotPrintable"/> first. Not signed: it is a form to fill in.</summary>
    public byte[] Write(EvaluationFormContent form)
    {
        var layout = Layout(form);
        using var document = TypesetRenderer.Render(layout, pageNumbers: false, title: $"{EvaluationFormContent.FormTitle}（{form.ProposerName}）",
            decorate: (gfx, page) => Decorate(gfx, page, layout, form));
        document.Info.Author = form.Bureau;
        return TypesetRenderer.Save(document);
    }

    private static void Decorate(XGraphics gfx, TypesetPage page, TypesetDocument layout, EvaluationFormContent form)
    {
        var grid = layout.Geometry;
        var pen = new XPen(XColors.Black, 0.5);
        foreach (var line in page.Lines.Where(l => l.Tag == "handwriting"))
        {
            var y = line.Top + grid.LinePitch - 2;
            gfx.DrawLine(pen, grid.Left, y, grid.Right, y);
        }

        if (layout.Tagged("qr") is [var first, ..] && first.PageIndex == page.Index)
        {
            var size = Math.Min(QrCells * grid.Cell, QrLines * grid.LinePitch);
            QrCode.Draw(gfx, form.Url, grid.Left, first.Top, size);
        }
    }
}
