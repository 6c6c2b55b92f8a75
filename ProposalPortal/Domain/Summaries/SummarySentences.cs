using System.Text.RegularExpressions;
using ProposalPortal.Domain.Statistics;

namespace ProposalPortal.Domain.Summaries;

/// <summary>What the summary's sentences with numbers are written from: the year's figures, its key items, its topics.</summary>
public sealed record SummaryData(YearFigures Figures, IReadOnlyList<KeyItem> KeyItems, IReadOnlyList<TopicItems> Topics);

/// <summary>A sentence of the saved prose that the data no longer bears out, with the one the data gives.</summary>
/// <param name="Section">The section it stands in, as the page labels it (一、主要做法 …).</param>
/// <param name="Found">The sentence as saved.</param>
/// <param name="Recomputed">The sentence as the data gives it now; null when the data gives none (it should go).</param>
/// <param name="Field">The field to put in its place, e.g. {工作会议}, which the portal keeps current from then on.</param>
public sealed record SummaryDiscrepancy(string Section, string Found, string? Recomputed, string Field);

/// <summary>
/// The Office's prose and the data, kept apart: the prose holds a field such as <c>{工作会议}</c> where a sentence with a
/// number from the data goes, and the portal writes that sentence in the seed's words every time the summary is shown
/// or printed, so a figure changed after the prose was written never goes stale. A field with a clause,
/// <c>{专题会议：召开专题会议研究部署}</c>, prints its clause only when the data bears it out. A field that the data
/// leaves empty (no meeting, no key item) prints nothing, and the comma that joined it goes with it.
/// </summary>
public static partial class SummarySentences
{
    // (A field that the data leaves empty prints nothing: putting it in place of a sentence the data does not bear out
    // takes that sentence out now and brings it back if the data comes to bear it out.)

    /// <summary>The fields the Office may use, with what each prints, for the page's help.</summary>
    public static IReadOnlyList<(string Field, string Prints)> Fields { get; } =
    [
        ("{工作会议}", "共召开局领导班子会研究3次，领导小组会议2次，职工会动员推进2次"),
        ("{专题会议：召开专题会议研究部署}", "本年有专题会议时印出该句（多于1次时注明次数），没有时整句不印"),
        ("{梳理件数}", "局办公室对20件建议提案进行认真梳理和分类"),
        ("{主办件涉及}", "13件提案建议涉及的均是我局主要重点工作"),
        ("{主题}", "各主办件涉及的主题，件数多的在前"),
        ("{各主题件数}", "充电桩及新能源建设4件，城乡融合发展3件……"),
        ("{主题件数：充电桩及新能源建设}", "4个委员提案（该主题的主办件数）"),
        ("{公开情况}", "今年，我局承办的13件代表建议和政协提案，均在办理复文形成后通过市政府门户网站进行公开"),
        ("{重点提案}", "“……”（第11号）和“……”（第199号）被确定为市政协十届一次会议重点督办的2件提案"),
        ("{重点提案提出人}", "李春闻委员提出的第11号《……》和杞发荣委员、徐彦委员提出的第199号《……》"),
        ("{重点提案个数}", "2个重点提案"),
        ("{同比}", "与去年相比，承办件数已翻一倍多"),
    ];

    /// <summary>The prose with every field written from the data.</summary>
    public static SummaryProse Write(SummaryProse prose, SummaryData data) => prose with
    {
        Characteristics = Write(prose.Characteristics, data),
        Practices = Write(prose.Practices, data),
        KeyProposals = Write(prose.KeyProposals, data),
        Difficulties = Write(prose.Difficulties, data),
        NextSteps = Write(prose.NextSteps, data),
    };

    /// <summary>One text with every field written from the data; an unknown field is left as typed (see <see cref="Check"/>).</summary>
    public static string Write(string text, SummaryData data)
    {
        var written = FieldPattern().Replace(text, m => Sentence(m.Groups["name"].Value, m.Groups["arg"].Success ? m.Groups["arg"].Value : null, data) switch
        {
            null => m.Value,
            "" => Empty,
            var sentence => sentence,
        });

        // A field the data leaves empty takes the comma that joined it with it: "研究,{专题会议：…},切实" → "研究,切实".
        written = EmptyWithComma().Replace(written, string.Empty);
        return written.Replace(Empty, string.Empty, StringComparison.Ordinal);
    }

    /// <summary>
    /// What the page warns about in the saved prose: sentences with a number that the data now contradicts (typed in
    /// before the figure changed, or prose saved before the fields existed), and fields the portal does not know.
    /// </summary>
    public static IReadOnlyList<SummaryDiscrepancy> Check(SummaryProse prose, SummaryData data)
    {
        var found = new List<SummaryDiscrepancy>();
        foreach (var (section, text) in Sections(prose))
        {
            // Full-width and half-width punctuation read alike; one character for one, so positions stay the same.
            // Fields are the portal's own sentences, not typed ones: blanked out before looking for typed sentences.
            var plain = FieldPattern().Replace(Plain(text), m => new string(' ', m.Length));
            foreach (var (field, pattern) in Typed)
            {
                foreach (Match m in pattern.Matches(plain))
                {
                    var recomputed = field == "{专题会议}" ? SummaryWording.SpecialMeeting(data.Figures, m.Value) : Sentence(field[1..^1], null, data);
                    if ((recomputed is null ? null : Plain(recomputed)) != m.Value)
                    {
                        var replacement = field == "{专题会议}" ? $"{{专题会议：{SummaryWording.WithoutCount(m.Value)}}}" : field;
                        found.Add(new SummaryDiscrepancy(section, text.Substring(m.Index, m.Length), string.IsNullOrEmpty(recomputed) ? null : recomputed, replacement));
                    }
                }
            }

            foreach (Match m in FieldPattern().Matches(text))
            {
                if (Sentence(m.Groups["name"].Value, m.Groups["arg"].Success ? m.Groups["arg"].Value : null, data) is null)
                {
                    found.Add(new SummaryDiscrepancy(section, m.Value, null, string.Empty));
                }
            }
        }

        return found;
    }

    /// <summary>The section names the page gives the prose's five texts.</summary>
    public static IEnumerable<(string Section, string Text)> Sections(SummaryProse prose) =>
    [
        ("开头段之后", prose.Characteristics),
        ("一、主要做法", prose.Practices),
        ("二、重点提案办理情况", prose.KeyProposals),
        ("三、存在困难问题", prose.Difficulties),
        ("四、下步工作措施", prose.NextSteps),
    ];

    /// <summary>The sentence a field prints: "" when the data leaves it empty, null for a field the portal does not know.</summary>
    private static string? Sentence(string name, string? argument, SummaryData data)
    {
        var f = data.Figures;
        return name switch
        {
            "工作会议" => SummaryWording.Meetings(f) ?? string.Empty,
            "专题会议" when argument is not null => SummaryWording.SpecialMeeting(f, argument) ?? string.Empty,
            "梳理件数" => SummaryWording.Sorted(f) ?? string.Empty,
            "主办件涉及" => SummaryWording.LeadWork(f) ?? string.Empty,
            "主题" => SummaryWording.Topics(data.Topics) ?? string.Empty,
            "各主题件数" => SummaryWording.TopicCounts(data.Topics) ?? string.Empty,
            "主题件数" when argument is not null => SummaryWording.TopicCount(data.Topics, argument) ?? string.Empty,
            "公开情况" => SummaryWording.Publication(f) ?? string.Empty,
            "重点提案" => SummaryWording.KeyItems(data.KeyItems) ?? string.Empty,
            "重点提案提出人" => SummaryWording.KeyProposers(data.KeyItems) ?? string.Empty,
            "重点提案个数" => SummaryWording.KeyCount(data.KeyItems) ?? string.Empty,
            "同比" => SummaryWording.YearOverYear(f) ?? string.Empty,
            _ => null,
        };
    }

    private static string Plain(string text) => text
        .Replace('，', ',').Replace('；', ';').Replace('：', ':').Replace('（', '(').Replace('）', ')');

    // Sentences with numbers as the seed words them, found in prose typed by hand, and the field that writes each.
    private static readonly (string Field, Regex Pattern)[] Typed =
    [
        ("{工作会议}", new(@"共召开[^。;,]*?\d+次(?:,(?:局领导班子会|领导小组会议|职工会|专题会议)[^。;,]*?\d+次)*", RegexOptions.CultureInvariant)),
        ("{专题会议}", new(@"召开了?专题会议[^。;,]*", RegexOptions.CultureInvariant)),
        ("{梳理件数}", new(@"局办公室对\d+件建议提案进行认真梳理和分类", RegexOptions.CultureInvariant)),
        ("{主办件涉及}", new(@"\d+件提案建议涉及的均是我局主要重点工作", RegexOptions.CultureInvariant)),
        ("{公开情况}", new(@"今年,我局承办的\d+件代表建议和政协提案[^。;]*?通过市政府门户网站进行公开", RegexOptions.CultureInvariant)),
        ("{重点提案}", new(@"“[^”]+”\(第\d+号\)(?:[、和]“[^”]+”\(第\d+号\))*被确定为[^。;,]*?重点督办的\d+件(?:建议提案|提案|建议)", RegexOptions.CultureInvariant)),
        ("{重点提案个数}", new(@"\d+个重点(?:建议提案|提案|建议)", RegexOptions.CultureInvariant)),
        ("{同比}", new(@"与去年相比,承办件数[^;。,]*|承办件数与去年持平", RegexOptions.CultureInvariant)),
    ];

    // Marks a field the data left empty until the comma beside it is taken away.
    private const string Empty = "\u0001";

    [GeneratedRegex(@"\{(?<name>[\p{IsCJKUnifiedIdeographs}]+)(?:[:：](?<arg>[^{}\n]*))?\}")]
    private static partial Regex FieldPattern();

    [GeneratedRegex("\u0001[,，]|[,，]\u0001(?=[。;；\n]|$)|(?<=[。;；\n]|^)\u0001[。;；]", RegexOptions.Multiline)]
    private static partial Regex EmptyWithComma();
}
