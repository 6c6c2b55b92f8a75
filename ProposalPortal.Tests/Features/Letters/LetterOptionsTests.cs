using Microsoft.Extensions.Options;
using ProposalPortal.Features.Documents.Fonts;
using ProposalPortal.Features.Documents.Typesetting;
using ProposalPortal.Features.Letters;

namespace ProposalPortal.Tests.Features.Letters;

/// <summary>Fonts, seal and certificate settings: checked at start, used when valid.</summary>
public sealed class LetterOptionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("letter-options-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string ShippedFontCopy()
    {
        var path = Path.Combine(_folder, "fangsong.ttf");
        using var resource = typeof(DocumentFontResolver).Assembly.GetManifestResourceStream(DocumentFontResolver.ShippedFontResource)!;
        using var file = File.Create(path);
        resource.CopyTo(file);
        // Trailing bytes make it another file (fonts are named by their content) that reads as the same font.
        file.Write("official"u8);
        return path;
    }

    [Fact]
    public void WrongPathsAndFontsThatPdfSharpCannotEmbedAreReportedInChinese()
    {
        var collection = Path.Combine(_folder, "wqy.ttc");
        File.WriteAllBytes(collection, "ttcf\0\0\0\0"u8.ToArray());
        var cff = Path.Combine(_folder, "noto.otf");
        File.WriteAllBytes(cff, "OTTO\0\0\0\0"u8.ToArray());
        var options = new LetterOptions
        {
            Fonts = { Body = collection, Title = cff, Heading = Path.Combine(_folder, "missing.ttf") },
            SealImage = Path.Combine(_folder, "seal.png"),
            Signing = { CertificatePath = Path.Combine(_folder, "bureau.pfx") },
        };

        var result = new LetterOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Letters:Fonts:Body", StringComparison.Ordinal) && f.Contains("不是TrueType", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Letters:Fonts:Title", StringComparison.Ordinal) && f.Contains("不是TrueType", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Letters:Fonts:Heading: 找不到字体文件", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Letters:SealImage: 找不到印章图片", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Letters:Signing:CertificatePath: 找不到证书文件", StringComparison.Ordinal));
        Assert.True(new LetterOptionsValidator().Validate(null, new LetterOptions()).Succeeded);
    }

    [Fact]
    public void AConfiguredTrueTypeFontIsUsedForItsRole()
    {
        var path = ShippedFontCopy();
        var options = new LetterOptions { Fonts = { Body = path } };
        Assert.True(new LetterOptionsValidator().Validate(null, options).Succeeded);

        var renderer = new LetterRenderer(Options.Create(options));
        var layout = Typesetter.Layout(renderer.Grid, renderer.Fonts, [new TextBlock("正文", TextStyle.Paragraph)]);
        using var pdf = TypesetRenderer.Render(layout);
        var bytes = TypesetRenderer.Save(pdf);

        // The body comes from the configured file; the roles left empty keep the shipped font.
        Assert.NotEqual(DocumentFontResolver.ShippedFamily, renderer.Fonts.FamilyOf(FontRole.Body));
        Assert.Equal(DocumentFontResolver.ShippedFamily, renderer.Fonts.FamilyOf(FontRole.Title));
        Assert.Contains("正文", TestSupport.PdfInspection.Read(bytes)[0].Text, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => DocumentFontResolver.RegisterFile(WriteCollection()));
    }

    private string WriteCollection()
    {
        var path = Path.Combine(_folder, "collection.ttc");
        File.WriteAllBytes(path, "ttcf\0\0\0\0\0\0\0\0"u8.ToArray());
        return path;
    }
}
