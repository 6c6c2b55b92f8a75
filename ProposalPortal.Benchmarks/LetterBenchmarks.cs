using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Letters;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// Reply letters (issue 4): a two-page letter laid out, rendered with the shipped font subset and digitally signed,
/// exactly as a sign-off does it (<see cref="ReplyLetterService.Issue"/> minus the database), warm; and a batch of
/// 100 such letters. Targets: one letter under 50 ms, 100 under 3 s, the file under 150 KB.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class LetterBenchmarks
{
    private LetterRenderer _renderer = null!;
    private LetterSigner _signer = null!;
    private SigningCertificate _certificate = null!;
    private string _folder = null!;

    /// <summary>A reply that fills two pages with its signature block, contacts and 版记.</summary>
    public static LetterContent TwoPageLetter(int serial = 12) => new(
        ReplyKind.Letter,
        "楚雄市发展和改革局",
        $"楚市发改复〔2022〕{serial}号",
        "A",
        "楚雄市发展和改革局关于市政协十届一次会议第199号提案的答复",
        "杞发荣委员、徐彦委员：",
        [
            "您提出的《关于加快推进新能源汽车充电设施建设的提案》收悉，现答复如下：",
            "我市已于2018年5月8日将电动汽车充电基础设施建设特许经营权授权划入楚雄市城乡建设投资集团有限公司，并编制审定了《楚雄市充电基础设施建设规划（2019—2023年）》，由该公司牵头招募项目合作伙伴，按审定规划推进项目实施。",
            "市人民政府于2018年11月1日以楚市政通〔2018〕60号文件公布实施了《楚雄市加快新能源汽车推广应用工作方案》，明确了新能源汽车推广应用、充电基础设施建设工作目标和财政补贴政策。",
            "截至目前，楚雄市已累计建成集中式充电站3座，分散式充电点23个，累计充电桩255个。下一步，我局将会同有关部门，围绕“十四五”规划目标，统筹布局公共充电设施，推动居住区、办公场所和公共停车场配建充电桩。",
            "一是加强规划引领。结合国土空间规划和城市更新，将充电设施纳入控制性详细规划，预留建设用地和电力容量。",
            "二是加大政策支持。积极争取中央和省级预算内资金支持，落实充电设施建设运营补贴。",
            "感谢您对发展改革工作的关心和支持，欢迎继续提出宝贵意见和建议。",
        ],
        "楚雄市发展和改革局",
        "2022年8月22日",
        "（此件公开发布）",
        ["联系单位：能源科", "联系人：秦三（责任领导）、孔九（承办人）", "联系电话：138-0000-0015"],
        "抄送：市人民政府办公室，市政协提案委员会。",
        "楚雄市发展和改革局办公室",
        "2022年8月22日印发",
        IsPreview: false);

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "letter-bench-" + Guid.NewGuid().ToString("N"));
        var options = Options.Create(new LetterOptions { Signing = { Folder = _folder } });
        _renderer = new LetterRenderer(options);
        _certificate = new SigningCertificate(options, TimeProvider.System, _folder,
            new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        _signer = new LetterSigner(_certificate, options, new PortalClock(TimeProvider.System, Options.Create(new PortalOptions())));
        var sample = SignedTwoPageLetter();
        Console.WriteLine($"// two-page signed letter: {LetterFacts.Pages(sample)} pages, {sample.Length / 1024.0:F1} KB");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _certificate.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "Signed two-page letter (<50 ms)")]
    public byte[] SignedTwoPageLetter() => Issue(TwoPageLetter());

    [Benchmark(Description = "100 signed letters (<3 s)")]
    public int HundredLetters()
    {
        var total = 0;
        Parallel.For(0, 100, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => Interlocked.Add(ref total, Issue(TwoPageLetter(i + 1)).Length));
        return total;
    }

    private byte[] Issue(LetterContent letter)
    {
        var (document, area) = _renderer.Render(letter);
        using (document)
        {
            return _signer.SignAndSave(document, area, _signer.Facts("杨一", letter.Signature), _renderer.Fonts);
        }
    }
}

/// <summary>Page count of a PDF, without a PDF reader dependency: the /Type /Page objects.</summary>
internal static class LetterFacts
{
    public static int Pages(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]");
}
