using System.Diagnostics;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>Reads what a PDF really contains (PdfPig), and renders pages with poppler to look at them.</summary>
public static class PdfInspection
{
    /// <summary>A glyph as a reader sees it: its text and position in points from the page's top-left corner.</summary>
    public sealed record Glyph(string Text, double Left, double Baseline, double Width, double FontSize, string FontName);

    public sealed record PageContent(int Number, double Width, double Height, IReadOnlyList<Glyph> Glyphs)
    {
        public string Text => string.Concat(Glyphs.Select(g => g.Text));
    }

    public static IReadOnlyList<PageContent> Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(page => new PageContent(page.Number, page.Width, page.Height,
            page.Letters.Select(l => ToGlyph(l, page.Height)).ToList())).ToList();
    }

    private static Glyph ToGlyph(Letter letter, double pageHeight) => new(letter.Value, letter.StartBaseLine.X,
        pageHeight - letter.StartBaseLine.Y, letter.Width, letter.PointSize, letter.FontName ?? string.Empty);

    /// <summary>
    /// Renders one page to test-artifacts/NAME.png with pdftoppm and returns the path. Fails the test when poppler is
    /// missing or cannot draw the page: a page nobody could render is not a page that looks right.
    /// </summary>
    public static string RenderPng(byte[] pdf, string name, int page = 1, int dpi = 60)
    {
        const string pdftoppm = "/usr/bin/pdftoppm";
        Assert.True(File.Exists(pdftoppm), $"{pdftoppm} is missing: install poppler-utils to render PDF pages");
        var input = Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(input, pdf);
        var output = Path.Combine(Repository.Artifacts, name);
        var (exitCode, message) = Run(pdftoppm, $"-png -r {dpi} -f {page} -l {page} -singlefile \"{input}\" \"{output}\"");
        File.Delete(input);
        Assert.True(exitCode == 0, $"pdftoppm could not render page {page} of {name}: {message}");
        return output + ".png";
    }

    /// <summary>
    /// The text of a PDF as poppler's pdftotext extracts it (what a reader copying from the file gets), page by page
    /// (split on the form feed). Fails when poppler is missing.
    /// </summary>
    public static IReadOnlyList<string> PdfToText(byte[] pdf)
    {
        const string pdftotext = "/usr/bin/pdftotext";
        Assert.True(File.Exists(pdftotext), $"{pdftotext} is missing: install poppler-utils to read PDF text");
        var input = Path.Combine(Path.GetTempPath(), $"pdftotext-{Guid.NewGuid():N}.pdf");
        var output = Path.ChangeExtension(input, ".txt");
        File.WriteAllBytes(input, pdf);
        try
        {
            var (exitCode, message) = Run(pdftotext, $"-enc UTF-8 \"{input}\" \"{output}\"");
            Assert.True(exitCode == 0, $"pdftotext failed: {message}");
            return File.ReadAllText(output).Split('\f').SkipLast(1).ToList();
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    /// <summary>The fonts a PDF carries as poppler's pdffonts lists them, one line each (name, type, encoding, emb, sub, uni).</summary>
    public static IReadOnlyList<string> Fonts(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"fonts-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var (exit, output) = Run("/usr/bin/pdffonts", $"\"{file}\"");
            Assert.True(exit == 0, $"pdffonts failed: {output}");
            return output.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Every font embedded, as a subset ("ABCDEF+" prefix), and mapped to Unicode, so the text can be copied and searched.</summary>
    public static void AssertFontsEmbeddedAsSubsets(byte[] pdf)
    {
        var fonts = Fonts(pdf);
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f =>
        {
            Assert.Matches(@"^[A-Z]{6}\+", f);
            Assert.Matches(@"\byes\s+yes\s+yes\b", f);
        });
    }

    /// <summary>Runs a tool and returns its standard output and exit code.</summary>
    public static (int ExitCode, string Output) Run(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    /// <summary>
    /// Asserts that qpdf finds nothing wrong with the file, every stream decoded (exit 0; 3 means warnings such as a
    /// flate stream without its Adler-32 trailer). Fails, rather than skips, without qpdf: .ci/test installs it.
    /// </summary>
    public static void AssertQpdfCheckPasses(byte[] pdf, string name)
    {
        Assert.True(File.Exists("/usr/bin/qpdf"), "qpdf is missing: apt-get install qpdf (.ci/test installs it)");
        var input = Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(input, pdf);
        try
        {
            var (exitCode, output) = Run("/usr/bin/qpdf", $"--check \"{input}\"");
            Assert.True(exitCode == 0, $"qpdf --check on {name} exited {exitCode}:\n{output}");
        }
        finally
        {
            File.Delete(input);
        }
    }
}
