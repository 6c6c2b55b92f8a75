using PdfSharp.Drawing;

namespace ProposalPortal.Features.Documents.Typesetting;

/// <summary>A QR code drawn into a PDF page, for the forms that carry a personal link.</summary>
public static class QrCode
{
    /// <summary>
    /// Draws <paramref name="text"/> as a QR code of <paramref name="size"/> points square at (<paramref name="left"/>,
    /// <paramref name="top"/>): vector rectangles, one per run of dark modules in a row, so it stays sharp at any scale and
    /// costs a few hundred bytes instead of an image. Error correction M survives a crease or a stamp on paper.
    /// </summary>
    public static void Draw(XGraphics gfx, string text, double left, double top, double size)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCoder.QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        for (var y = 0; y < matrix.Count; y++)
        {
            var row = matrix[y];
            for (var x = 0; x < row.Length; x++)
            {
                if (!row[x])
                {
                    continue;
                }

                var start = x;
                while (x + 1 < row.Length && row[x + 1])
                {
                    x++;
                }

                gfx.DrawRectangle(XBrushes.Black, left + start * module, top + y * module, (x - start + 1) * module, module);
            }
        }
    }
}
