using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ProposalPortal.Features.Documents.Typesetting;

/// <summary>Draws a <see cref="TypesetDocument"/> into a PDFsharp document.</summary>
public static class TypesetRenderer
{
    /// <summary>
    /// One A4 page per laid page, the lines drawn, page numbers <c>— 1 —</c> in 4号 on the outside corner (odd pages
    /// right, even pages left, one character in from the type area) when <paramref name="pageNumbers"/> is set, and
    /// <paramref name="decorate"/> called on each page for whatever is not text on the grid (rules, seal, masthead art).
    /// The caller owns the returned document (sign it, then <see cref="Save"/> it).
    /// </summary>
    public static PdfDocument Render(TypesetDocument layout, bool pageNumbers = true, string? title = null,
        Action<XGraphics, TypesetPage>? decorate = null)
    {
        var geometry = layout.Geometry;
        var document = new PdfDocument();
        // PDFsharp's deflate lacks the zlib trailer: nothing is compressed here, ZlibStreams compresses on saving.
        document.Options.CompressContentStreams = false;
        document.Options.NoCompression = true;
        if (title is not null)
        {
            document.Info.Title = title;
        }

        document.Info.Creator = "ProposalPortal";
        foreach (var page in layout.Pages)
        {
            var pdfPage = document.AddPage();
            pdfPage.Width = XUnit.FromPoint(geometry.PageWidth);
            pdfPage.Height = XUnit.FromPoint(geometry.PageHeight);
            using var gfx = XGraphics.FromPdfPage(pdfPage);
            foreach (var line in page.Lines)
            {
                var brush = Brush(line.Style.Color);
                foreach (var run in line.Runs)
                {
                    if (run.Text != " ")
                    {
                        var font = layout.Fonts.Get(layout.Fonts.FaceFor(line.Style.Font, run.Text), line.FontSize);
                        gfx.DrawString(run.Text, font, brush, run.X, line.Baseline, XStringFormats.BaseLineLeft);
                    }
                }
            }

            if (pageNumbers && !layout.Unnumbered.Contains(page.Index))
            {
                DrawPageNumber(gfx, layout, page.Number);
            }

            decorate?.Invoke(gfx, page);
        }

        return document;
    }

    /// <summary>The bytes of a rendered document, every stream compressed as valid zlib (<see cref="ZlibStreams"/>).</summary>
    public static byte[] Save(PdfDocument document) => ZlibStreams.Save(document);

    /// <summary>
    /// The document's bytes as PDFsharp writes them (a document with a signature handler is signed while it is saved).
    /// Only for a document from <see cref="ZlibStreams.Reopen"/>: anything else would carry uncompressed streams.
    /// </summary>
    internal static byte[] SaveAsIs(PdfDocument document)
    {
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    /// <summary>The printed page number: <c>— 1 —</c>.</summary>
    public static string PageNumberText(int number) => $"— {number} —";

    private static void DrawPageNumber(XGraphics gfx, TypesetDocument layout, int number)
    {
        var geometry = layout.Geometry;
        var size = geometry.SmallSize;
        var font = layout.Fonts.Get(FontRole.Body, size);
        var text = PageNumberText(number);
        var width = gfx.MeasureString(text, font).Width;
        // The dash's top lies 7 mm under the type area; the dash itself sits about 0.3 em above the baseline.
        var baseline = geometry.Bottom + geometry.PageNumberGapMm * PageGeometry.PointsPerMillimetre + 0.3 * size;
        var x = number % 2 == 1 ? geometry.Right - size - width : geometry.Left + size;
        gfx.DrawString(text, font, XBrushes.Black, x, baseline, XStringFormats.BaseLineLeft);
    }

    internal static XBrush Brush(int rgb) => rgb == 0 ? XBrushes.Black : new XSolidBrush(XColor.FromArgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF));
}
