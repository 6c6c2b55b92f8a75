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

    [Fact]
    public void EachRoleTakesTheBureausOwnFontWhenItCoversGb2312()
    {
        // Stand-ins for the bureau's 仿宋_GB2312 / 方正小标宋 / 黑体 / 楷体_GB2312 files: real TrueType faces with GB 2312.
        const string kai = "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf";
        const string sans = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf";
        Assert.True(File.Exists(kai) && File.Exists(sans), "fonts-arphic-gkai00mp and fonts-droid-fallback are needed");
        var options = new LetterOptions { Fonts = { Body = kai, Title = sans, SubHeading = Path.Combine(_folder, "kaiti.ttf") } };

        var missing = new LetterOptionsValidator().Validate(null, options);
        Assert.Equal("Letters:Fonts:SubHeading: 找不到字体文件 " + options.Fonts.SubHeading, Assert.Single(missing.Failures!));

        options.Fonts.SubHeading = kai;
        Assert.True(new LetterOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(6763, LetterOptionsValidator.Gb2312Hanzi.Length);
        var fonts = new LetterRenderer(Options.Create(options)).Fonts;
        Assert.Equal(fonts.FamilyOf(FontRole.Body), fonts.FamilyOf(FontRole.SubHeading));
        Assert.Equal(DocumentFontResolver.ShippedFamilyOf(FontRole.Heading), fonts.FamilyOf(FontRole.Heading));
        Assert.NotEqual(DocumentFontResolver.ShippedFamily, fonts.FamilyOf(FontRole.Body));
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

    /// <summary>
    /// A Latin-only TrueType font configured for the body (DejaVu Sans, which Debian's fontconfig brings along; the
    /// test needs a second real TrueType font and this is the one every Debian machine with fonts has).
    /// </summary>
    private const string LatinFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    [Fact]
    public void AConfiguredTrueTypeFontIsUsedForItsRoleAndItsMissingCharactersAreReported()
    {
        Assert.True(File.Exists(LatinFont), $"{LatinFont} is needed (Debian package fonts-dejavu-core)");
        var options = new LetterOptions { Fonts = { Body = LatinFont } };
        // At start the portal refuses a face without the GB 2312 characters, in Chinese.
        var failure = Assert.Single(new LetterOptionsValidator().Validate(null, options).Failures!);
        Assert.StartsWith("Letters:Fonts:Body：DejaVuSans.ttf 缺少GB 2312中的6763个汉字", failure, StringComparison.Ordinal);

        var renderer = new LetterRenderer(Options.Create(options));

        Assert.NotEqual(DocumentFontResolver.ShippedFamily, renderer.Fonts.FamilyOf(FontRole.Body));
        Assert.Equal(DocumentFontResolver.ShippedFamily, renderer.Fonts.FamilyOf(FontRole.Title));
        // The body font has no Chinese: the letter is refused before it is issued, naming the characters.
        Assert.Equal(["正", "文"], renderer.Fonts.MissingCharacters(FontRole.Body, "Body 正文"));
        Assert.Empty(renderer.Fonts.MissingCharacters(FontRole.Title, "Body 正文"));
        var layout = Typesetter.Layout(renderer.Grid, renderer.Fonts, [new TextBlock("Reply 2022", TextStyle.Paragraph)]);
        using var pdf = TypesetRenderer.Render(layout);
        Assert.Contains("Reply2022", TestSupport.PdfInspection.Read(TypesetRenderer.Save(pdf))[0].Text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => DocumentFontResolver.RegisterFile(WriteCollection()));
    }

    private string WriteCollection()
    {
        var path = Path.Combine(_folder, "collection.ttc");
        File.WriteAllBytes(path, "ttcf\0\0\0\0\0\0\0\0"u8.ToArray());
        return path;
    }
}
