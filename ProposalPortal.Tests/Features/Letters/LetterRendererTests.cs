using System.Text;
using Microsoft.Extensions.Options;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Documents.Typesetting;
using ProposalPortal.Features.Letters;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Letters;

/// <summary>The seal's place and rendering many letters at once.</summary>
public sealed class LetterRendererTests : IDisposable
{
    /// <summary>An 8 × 8 half-transparent red PNG standing in for a seal scan.</summary>
    private const string SealPng = "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAEklEQVR4nGN4xiDUgA8zjAwFAJ/YXgET7M1BAAAAAElFTkSuQmCC";

    private readonly string _folder = Directory.CreateTempSubdirectory("letter-renderer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Render(LetterRenderer renderer, LetterContent letter)
    {
        var (document, _) = renderer.Render(letter);
        using (document)
        {
            return TypesetRenderer.Save(document);
        }
    }

    private static LetterContent Letter(int serial = 12)
    {
        var item = ProposalBuilder.Lead().In(ProposalState.AwaitingSignOff);
        return LetterContent.For(item, item.CurrentReply!, "楚雄市发展和改革局", "楚市发改复", new DocumentNumber("楚市发改复", 2022, serial),
            new DateOnly(2022, 8, 22), isPreview: false);
    }

    private static int Images(byte[] pdf) => System.Text.RegularExpressions.Regex.Count(Encoding.Latin1.GetString(pdf), @"/Subtype\s*/Image");

    [Fact]
    public void AConfiguredSealImageIsPlacedOverTheNameAndDateAndWithoutOneOnlyAnOutlineMarksThePlace()
    {
        var seal = Path.Combine(_folder, "seal.png");
        File.WriteAllBytes(seal, Convert.FromBase64String(SealPng));
        var letter = Letter();

        var withSeal = Render(new LetterRenderer(Options.Create(new LetterOptions { SealImage = seal })), letter);
        var without = Render(new LetterRenderer(Options.Create(new LetterOptions())), letter);

        Assert.InRange(Images(withSeal), 1, 2); // the picture, and its transparency as a soft mask
        Assert.Equal(0, Images(without));
        // Same text either way: the seal adds no words, and the portal never draws a seal's lettering.
        Assert.Equal(string.Concat(PdfInspection.Read(without).Select(p => p.Text)), string.Concat(PdfInspection.Read(withSeal).Select(p => p.Text)));
    }

    [Fact]
    public async Task LettersRenderedInParallelEachCarryTheirOwnText()
    {
        var renderer = new LetterRenderer(Options.Create(new LetterOptions()));

        var letters = await Task.WhenAll(Enumerable.Range(1, 12).Select(i => Task.Run(() => (i, Render(renderer, Letter(i))))));

        Assert.All(letters, l => Assert.Contains($"楚市发改复〔2022〕{l.i}号", PdfInspection.Read(l.Item2)[0].Text, StringComparison.Ordinal));
    }

    [Fact]
    public void HeadingsStandingAloneArePrintedInHeitiAndKaitiAndTheCategoryMarkStillPrints()
    {
        var renderer = new LetterRenderer(Options.Create(new LetterOptions()));
        var letter = Letter() with
        {
            Category = "A",
            Paragraphs = ["您提出的建议收悉，现答复如下：", "一、主要做法", "（一）加强组织领导。", "我局成立了工作专班，于2022年8月完成办理。"],
        };

        Assert.Null(renderer.WhyNotPrintable(letter));
        var pages = PdfInspection.Read(Render(renderer, letter));
        var glyphs = pages.SelectMany(p => p.Glyphs).ToList();
        string FontOf(string text) => glyphs.First(g => g.Text == text).FontName;

        Assert.Contains("Droid Sans Fallback", FontOf("主"), StringComparison.Ordinal);
        Assert.Contains("AR PL KaitiM GB", FontOf("织"), StringComparison.Ordinal);
        Assert.Contains("AR PL SungtiL GB", FontOf("专"), StringComparison.Ordinal);
        // The heading face has no Latin letters: the category mark "A" is drawn in the body face, not as a blank box.
        Assert.Contains("AR PL SungtiL GB", FontOf("A"), StringComparison.Ordinal);
    }
}
