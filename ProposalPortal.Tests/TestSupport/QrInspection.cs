using System.Text;
using ZXing;
using ZXing.Common;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// Finds and decodes every QR code printed on a PDF's pages, as a phone's camera would: each page is rendered by poppler
/// (pdftoppm, 150 dpi, grey) and its pixels handed to ZXing.
/// </summary>
public static class QrInspection
{
    /// <summary>The decoded text of every QR code on every page.</summary>
    public static IReadOnlyList<string> Decode(byte[] pdf)
    {
        var folder = Path.Combine(Path.GetTempPath(), "proposalportal-qr", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var input = Path.Combine(folder, "in.pdf");
            File.WriteAllBytes(input, pdf);
            var (exit, output) = PdfInspection.Run("/usr/bin/pdftoppm", $"-r 150 -gray \"{input}\" \"{Path.Combine(folder, "page")}\"");
            Assert.True(exit == 0, output);
            var pages = Directory.GetFiles(folder, "page*.pgm").Order(StringComparer.Ordinal).ToList();
            Assert.NotEmpty(pages);
            return pages.SelectMany(page => DecodeImage(File.ReadAllBytes(page))).ToList();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<string> DecodeImage(byte[] pgm)
    {
        var (width, height, pixels) = ReadPgm(pgm);
        var reader = new BarcodeReaderGeneric
        {
            AutoRotate = false,
            Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true },
        };
        var results = reader.DecodeMultiple(new RGBLuminanceSource(pixels, width, height, RGBLuminanceSource.BitmapFormat.Gray8));
        return results?.Select(r => r.Text) ?? [];
    }

    /// <summary>A binary PGM (P5, 8 bits): header "P5 width height maxval" then one byte per pixel.</summary>
    private static (int Width, int Height, byte[] Pixels) ReadPgm(byte[] data)
    {
        var position = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)data[position]) || data[position] == '#')
            {
                if (data[position] == '#')
                {
                    while (data[position] != '\n')
                    {
                        position++;
                    }
                }

                position++;
            }

            var start = position;
            while (!char.IsWhiteSpace((char)data[position]))
            {
                position++;
            }

            return Encoding.ASCII.GetString(data, start, position - start);
        }

        Assert.Equal("P5", Token());
        var width = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("255", Token());
        position++; // the single whitespace after maxval
        return (width, height, data.AsSpan(position, width * height).ToArray());
    }
}
