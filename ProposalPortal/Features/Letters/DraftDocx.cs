using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ProposalPortal.Domain;
using ProposalPortal.Features.Documents.Typesetting;
using ProposalPortal.Features.Summary;

namespace ProposalPortal.Features.Letters;

/// <summary>
/// The draft reply as a Word document, both ways: written in the letter's layout (the styles of
/// <see cref="SummaryDocx"/>: 仿宋 body, 小标宋 title, the A4 margins of GB/T 9704, 一、 in "heading 1" and （一） in
/// "heading 2") for routing through the bureau's OA system or WPS, and read back into the draft's text, one paragraph a
/// line, headings kept as their own paragraphs.
/// </summary>
public static partial class DraftDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The most a .docx may unpack to: a draft reply is a few pages, a zip bomb is not read.</summary>
    private const long MaxExpandedBytes = 16 * 1024 * 1024;

    public const string NotDocx = "只能上传Word文档（.docx）。.doc、.wps等格式请先在Word或WPS中另存为.docx后再上传。";
    public const string Broken = "无法读取该Word文档：文件已损坏或不是有效的.docx，请在Word或WPS中打开检查后另存再上传。";
    public const string Empty = "该Word文档中没有答复正文。";

    /// <summary>The letter as the draft stands: title, addressee, body with its headings, the bureau and date, 附注, contact lines and 抄送.</summary>
    public static byte[] Write(LetterContent letter, string creator)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var paragraphs = new List<DocxParagraph> { new(letter.Title, DocxStyle.Title), new(string.Empty), new(letter.Addressee, DocxStyle.Flush) };
        paragraphs.AddRange(letter.Paragraphs.Select(p => new DocxParagraph(p, OutlineHeadings.RoleOf(p) switch
        {
            FontRole.Heading => DocxStyle.Heading1,
            FontRole.SubHeading => DocxStyle.Heading2,
            _ => DocxStyle.Normal,
        })));
        paragraphs.Add(new(string.Empty));
        paragraphs.Add(new(letter.Signature, DocxStyle.Signature));
        paragraphs.Add(new(letter.Date, DocxStyle.Signature));
        if (letter.Note is { } note)
        {
            paragraphs.Add(new(note));
        }

        if (letter.ContactLines.Count > 0)
        {
            paragraphs.Add(new(string.Empty));
            paragraphs.AddRange(letter.ContactLines.Select(l => new DocxParagraph(l)));
        }

        if (letter.CopyTo is { } cc)
        {
            paragraphs.Add(new(string.Empty));
            paragraphs.Add(new(cc, DocxStyle.Flush));
        }

        return SummaryDocx.Write(letter.Title, creator, paragraphs);
    }

    /// <summary>
    /// The draft's text from an uploaded .docx, one paragraph a line, or the Chinese reason it cannot be read. What the
    /// download adds around the body (the title, the addressee, the bureau and date, 附注, contact lines, 抄送) is left
    /// out when <paramref name="letter"/> names it, so that a document downloaded, edited and uploaded gives the body
    /// back. A heading numbered by Word itself (a heading style with automatic numbering) gets its 一、 or （一） written out.
    /// </summary>
    public static Result<string> ReadBody(byte[] content, string fileName, LetterContent? letter)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!fileName.EndsWith(".docx", StringComparison.OrdinalIgnoreCase))
        {
            return Result.Refused(NotDocx);
        }

        List<(string Text, int Level)> paragraphs;
        try
        {
            if (!FitsWhenUnpacked(content))
            {
                return Result.Refused(Broken);
            }

            using var document = WordprocessingDocument.Open(new MemoryStream(content, writable: false), false,
                new OpenSettings { MaxCharactersInPart = MaxExpandedBytes / 2 });
            var body = document.MainDocumentPart?.Document?.Body;
            if (body is null)
            {
                return Result.Refused(Broken);
            }

            var headingStyles = HeadingStyles(document.MainDocumentPart!);
            paragraphs = body.Descendants<Paragraph>().Select(p => (Text(p), Level(p, headingStyles))).ToList();
        }
        catch (Exception e) when (e is InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException
            or System.Xml.XmlException or InvalidOperationException or ArgumentException or IOException)
        {
            return Result.Refused(Broken);
        }

        var lines = Number(paragraphs).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (letter is not null)
        {
            lines = WithoutFrame(lines, letter);
        }

        return lines.Count == 0 ? Result.Refused(Empty) : Result<string>.Ok(string.Join("\n", lines));
    }

    /// <summary>Every part unpacked once into nothing, counting, and stopped at the limit: the sizes a zip declares are only a claim.</summary>
    private static bool FitsWhenUnpacked(byte[] content)
    {
        using var archive = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        long total = 0;
        var buffer = new byte[81920];
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
                if (total > MaxExpandedBytes)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static string Text(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case TabChar:
                    text.Append('\u3000');
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>The style ids that are headings of level 1 and 2 (Word's "heading 1", WPS's "标题 1", or by outline level).</summary>
    private static Dictionary<string, int> HeadingStyles(MainDocumentPart main)
    {
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var style in main.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [])
        {
            var name = style.StyleName?.Val?.Value?.ToLowerInvariant() ?? string.Empty;
            var outline = style.StyleParagraphProperties?.OutlineLevel?.Val?.Value;
            var level = name is "heading 1" or "标题 1" || outline == 0 ? 1 : name is "heading 2" or "标题 2" || outline == 1 ? 2 : 0;
            if (level > 0 && style.StyleId?.Value is { } id)
            {
                levels[id] = level;
            }
        }

        return levels;
    }

    private static int Level(Paragraph paragraph, Dictionary<string, int> headingStyles)
    {
        var properties = paragraph.ParagraphProperties;
        if (properties?.OutlineLevel?.Val?.Value is { } outline and < 2)
        {
            return outline + 1;
        }

        return properties?.ParagraphStyleId?.Val?.Value is { } id && headingStyles.TryGetValue(id, out var level) ? level : 0;
    }

    /// <summary>Headings without their number in the text (Word numbered them) get 一、 or （一） written out; others stay as they are.</summary>
    private static IEnumerable<string> Number(List<(string Text, int Level)> paragraphs)
    {
        var (first, second) = (0, 0);
        foreach (var (text, level) in paragraphs)
        {
            var trimmed = text.Trim();
            if (level == 1)
            {
                first++;
                second = 0;
                yield return LevelOne().IsMatch(trimmed) || trimmed.Length == 0 ? text : $"{ChineseNumber(first)}、{trimmed}";
            }
            else if (level == 2)
            {
                second++;
                yield return LevelTwo().IsMatch(trimmed) || trimmed.Length == 0 ? text : $"（{ChineseNumber(second)}）{trimmed}";
            }
            else
            {
                yield return text;
            }
        }
    }

    /// <summary>一 … 九十九, as official prose numbers its headings.</summary>
    internal static string ChineseNumber(int n)
    {
        const string digits = "零一二三四五六七八九";
        return n switch
        {
            < 10 => digits[n].ToString(),
            10 => "十",
            < 20 => "十" + digits[n % 10],
            _ => digits[n / 10] + "十" + (n % 10 == 0 ? string.Empty : digits[n % 10].ToString()),
        };
    }

    /// <summary>The body alone: what the download put around it is dropped, from the top and from the bottom.</summary>
    private static List<string> WithoutFrame(List<string> lines, LetterContent letter)
    {
        static string Plain(string s) => WhiteSpace().Replace(ChineseLineBreaker.ToChinesePunctuation(s), string.Empty);
        var head = new HashSet<string>(new[] { letter.Title, letter.Masthead, letter.Addressee }.Select(Plain), StringComparer.Ordinal);
        var tail = new HashSet<string>(new[] { letter.Signature, letter.Date, letter.Note ?? string.Empty, letter.CopyTo ?? string.Empty }
            .Concat(letter.ContactLines).Where(s => s.Length > 0).Select(Plain), StringComparer.Ordinal);
        var start = 0;
        while (start < lines.Count && head.Contains(Plain(lines[start])))
        {
            start++;
        }

        var end = lines.Count;
        while (end > start && (tail.Contains(Plain(lines[end - 1])) || IsFrameLine(lines[end - 1])))
        {
            end--;
        }

        return lines[start..end];
    }

    /// <summary>Lines only a letter's foot carries, whatever the draft said when it was downloaded: a date, 附注, contacts, 抄送.</summary>
    private static bool IsFrameLine(string line) => FrameLine().IsMatch(line.Trim());

    [GeneratedRegex(@"^(\d{4}年\d{1,2}月\d{1,2}日|（此件[^）]*）|联系(单位|人|电话)[:：].*|抄送[:：].*)$", RegexOptions.CultureInvariant)]
    private static partial Regex FrameLine();

    [GeneratedRegex(@"[\s\u3000]+", RegexOptions.CultureInvariant)]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"^[一二三四五六七八九十]+、", RegexOptions.CultureInvariant)]
    private static partial Regex LevelOne();

    [GeneratedRegex(@"^[（(][一二三四五六七八九十]+[）)]", RegexOptions.CultureInvariant)]
    private static partial Regex LevelTwo();
}
