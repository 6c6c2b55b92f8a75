using System.IO.Compression;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Features.Documents.Typesetting;

/// <summary>
/// Makes every FlateDecode stream of a PDFsharp document a valid zlib stream (RFC 1950).
/// <para>
/// PDFsharp 6.2.4 is at fault, not the way we call it: its <c>FlateDecode.Encode</c> writes the two zlib header bytes
/// (78 DA) and then .NET's <c>DeflateStream</c> output, which is raw deflate, so the Adler-32 trailer the FlateDecode
/// filter requires is missing from every stream it compresses: page contents, forms and the embedded font programs
/// (these are compressed inside <c>Save</c>, whatever the options say, unless <c>NoCompression</c> is set). Viewers
/// forgive it; <c>qpdf --check</c> exits 3 and MuPDF reports "premature end of data in flate filter".
/// </para>
/// <para>
/// PDFsharp has no hook between preparing the fonts and writing the objects, so the fix is a second pass: the
/// document is saved once, read back, every stream is re-encoded here with <see cref="ZLibStream"/> (header, deflate,
/// Adler-32), and the result is saved with PDFsharp's own compression switched off, so that it writes our streams
/// as they are. A signed letter is signed in that second save (<see cref="Reopen"/>); what PDFsharp adds during it
/// (the signature field's appearance and its font) is written uncompressed, which is valid. Remove this pass when
/// PDFsharp writes the trailer (the test that runs <c>qpdf --check</c> on the portal's PDFs says when).
/// </para>
/// </summary>
public static class ZlibStreams
{
    /// <summary>The document's bytes with every stream valid zlib.</summary>
    public static byte[] Save(PdfDocument rendered)
    {
        using var document = Reopen(rendered);
        return TypesetRenderer.SaveAsIs(document);
    }

    /// <summary>
    /// <paramref name="rendered"/> saved, read back with valid zlib streams, and ready to be saved (signed or not) by
    /// <see cref="TypesetRenderer.SaveAsIs"/>. The caller owns the returned document; <paramref name="rendered"/> is
    /// spent (PDFsharp saves a document once).
    /// </summary>
    public static PdfDocument Reopen(PdfDocument rendered)
    {
        byte[] first;
        using (SignOffTrace.Phase("zlib: first save"))
        {
            first = TypesetRenderer.SaveAsIs(rendered);
        }

        PdfDocument document;
        using (SignOffTrace.Phase("zlib: parse"))
        {
            document = PdfReader.Open(new MemoryStream(first), PdfDocumentOpenMode.Modify);
        }

        using var recompressing = SignOffTrace.Phase("zlib: recompress");
        foreach (var item in document.Internals.GetAllObjects())
        {
            if (item is PdfDictionary { Stream: not null } dictionary)
            {
                Recompress(dictionary);
            }
        }

        // Whatever PDFsharp adds from here on stays uncompressed rather than broken.
        document.Options.CompressContentStreams = false;
        document.Options.NoCompression = true;
        return document;
    }

    private static void Recompress(PdfDictionary dictionary)
    {
        var stream = dictionary.Stream!;
        var filter = dictionary.Elements["/Filter"];
        byte[] plain;
        if (filter is null)
        {
            plain = stream.Value;
        }
        else if (filter is PdfName { Value: "/FlateDecode" })
        {
            plain = Inflate(stream.Value);
        }
        else
        {
            return; // Another filter (or a chain): not PDFsharp's deflate, leave it.
        }

        var encoded = Deflate(plain);
        stream.Value = encoded;
        dictionary.Elements.SetName("/Filter", "/FlateDecode");
        dictionary.Elements.SetInteger("/Length", encoded.Length);
    }

    /// <summary>A zlib stream with or without its Adler-32 trailer: skip the two header bytes, inflate the rest.</summary>
    internal static byte[] Inflate(byte[] data)
    {
        if (data.Length < 2 || (data[0] & 0x0F) != 8 || (data[0] * 256 + data[1]) % 31 != 0)
        {
            throw new InvalidDataException("Not a zlib stream.");
        }

        using var input = new MemoryStream(data, 2, data.Length - 2);
        using var inflater = new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        inflater.CopyTo(output);
        return output.ToArray();
    }

    internal static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        // Optimal, as PDFsharp's default mode: the letters' font subsets are most of their bytes.
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }
}
