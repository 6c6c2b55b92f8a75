using System.Globalization;
using System.Text;

namespace ProposalPortal.Features.Documents.Typesetting;

/// <summary>
/// A piece of text that is never split: one full-width character (a cell of the grid) or a run of half-width
/// letters and digits ("2022", "GB/T", "3.5%"). <see cref="Width"/> is in points.
/// </summary>
public readonly record struct TextUnit(string Text, bool IsFullWidth, double Width);

/// <summary>
/// Breaks Chinese text into lines by the rules of 标点禁则 (GB/T 15834 practice): closing punctuation
/// (。，、；：？！）》」 …) never starts a line and opening punctuation (《（「 …) never ends one, and a number keeps
/// its unit (2022年); when a break would violate a rule, the break moves back by a character, so a line may end one
/// character short.
/// </summary>
public static partial class ChineseLineBreaker
{
    /// <summary>Characters that may not begin a line.</summary>
    public const string NoLineStart = "。，、；：？！）》」』〕】〗〉”’…—·％‰℃!),.:;?]}%";

    /// <summary>Characters that may not end a line.</summary>
    public const string NoLineEnd = "《（「『〔【〖〈“‘([{";

    /// <summary>Whether the character takes a full cell of the grid (ideographs, Chinese punctuation, full-width forms).</summary>
    public static bool IsFullWidth(Rune rune)
    {
        var v = rune.Value;
        return v >= 0x2E80 && !(v >= 0xFF61 && v <= 0xFFDC) // CJK, kana, Hangul, full-width forms (not half-width katakana)
            || v is >= 0x2010 and <= 0x2027 // dashes, quotes, ellipsis: full width in Chinese fonts
            || v is >= 0x2030 and <= 0x2103 and not (>= 0x2070 and <= 0x209F)
            || v is 0x00B7 or 0x00D7 or 0x00F7 or 0x2116 or 0x2236;
    }

    /// <summary>Splits text into units: every full-width character alone, half-width characters in runs, spaces alone.</summary>
    public static List<TextUnit> Split(string text, Func<string, double> measureHalfWidth, double fullWidth)
    {
        var units = new List<TextUnit>();
        var run = new StringBuilder();
        void FlushRun()
        {
            if (run.Length > 0)
            {
                var s = run.ToString();
                units.Add(new TextUnit(s, false, measureHalfWidth(s)));
                run.Clear();
            }
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (IsFullWidth(rune))
            {
                FlushRun();
                units.Add(new TextUnit(rune.ToString(), true, fullWidth));
            }
            else if (Rune.IsWhiteSpace(rune))
            {
                FlushRun();
                units.Add(new TextUnit(" ", false, measureHalfWidth(" ")));
            }
            else if (run.Length > 0 && IsBreakableAfter(run[^1]) )
            {
                // Half-width punctuation ends a run so that "2021年,2022年" can break after the comma.
                FlushRun();
                run.Append(rune.ToString());
            }
            else
            {
                run.Append(rune.ToString());
            }
        }

        FlushRun();
        return units;
    }

    private static bool IsBreakableAfter(char c) => c is ',' or ';' or '!' or '?';

    /// <summary>
    /// Greedy line filling with 禁则. <paramref name="capacity"/> gives the width available to line i (the first
    /// line may be indented). Returns the units of each line.
    /// </summary>
    public static List<List<TextUnit>> Break(IReadOnlyList<TextUnit> units, Func<int, double> capacity, Func<TextUnit, double> advance)
    {
        var lines = new List<List<TextUnit>>();
        var current = new List<TextUnit>();
        var used = 0.0;
        const double tolerance = 0.01;
        var glued = GluedBefore(units);
        var lineStart = 0;
        for (var index = 0; index < units.Count; index++)
        {
            var unit = units[index];
            var width = advance(unit);
            if (used + width <= capacity(lines.Count) + tolerance || current.Count == 0)
            {
                current.Add(unit);
                used += width;
                continue;
            }

            // The unit does not fit: break before it, moved back while the break would put a closing mark at the
            // start of the next line or leave an opening mark at the end of this one.
            var breakAt = current.Count;
            while (breakAt > 0 && (StartsWithNoLineStart(breakAt < current.Count ? current[breakAt] : unit)
                                   || EndsWithNoLineEnd(current[breakAt - 1])
                                   || IsNumberWithUnit(current[breakAt - 1], breakAt < current.Count ? current[breakAt] : unit)
                                   || glued.Contains(lineStart + breakAt)))
            {
                breakAt--;
            }

            if (breakAt == 0)
            {
                breakAt = current.Count; // A line of nothing but punctuation: keep it rather than loop.
            }

            var carried = current.GetRange(breakAt, current.Count - breakAt);
            current.RemoveRange(breakAt, current.Count - breakAt);
            lines.Add(current);
            lineStart += breakAt;
            current = carried;
            current.Add(unit);
            used = current.Sum(advance);

            // A carried run can still overflow a very narrow line; split further on the next units.
            while (used > capacity(lines.Count) + tolerance && current.Count > 1)
            {
                var cut = current.Count - 1;
                lines.Add(current.GetRange(0, cut));
                lineStart += cut;
                current = current.GetRange(cut, 1);
                used = current.Sum(advance);
            }
        }

        if (current.Count > 0 || lines.Count == 0)
        {
            lines.Add(current);
        }

        return lines;
    }

    /// <summary>
    /// Words a line never breaks inside: a session name (十届五次会议, 十九届人大二次会议, 第十一届), an item number with
    /// its 第 and unit (第199号, 第三条), a Chinese numeral with its unit (十届, 五次).
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(
        @"[一二三四五六七八九十百零〇\d]+届(?:人大|政协|人民代表大会)?(?:常委会)?[一二三四五六七八九十百零〇\d]+次(?:全体)?(?:会议)?" +
        @"|第[一二三四五六七八九十百千零〇\d]+[号条款项章节届次批期]|[一二三四五六七八九十百零〇]+[届次号]",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex KeptWords();

    /// <summary>The unit indexes before which no line may break, because they continue a <see cref="KeptWords"/> match.</summary>
    private static HashSet<int> GluedBefore(IReadOnlyList<TextUnit> units)
    {
        var glued = new HashSet<int>();
        var text = new StringBuilder();
        var unitAt = new List<int>(); // the unit of each character of text
        for (var i = 0; i < units.Count; i++)
        {
            text.Append(units[i].Text);
            unitAt.AddRange(Enumerable.Repeat(i, units[i].Text.Length));
        }

        foreach (System.Text.RegularExpressions.Match match in KeptWords().Matches(text.ToString()))
        {
            for (var c = match.Index + 1; c < match.Index + match.Length; c++)
            {
                if (unitAt[c] != unitAt[c - 1])
                {
                    glued.Add(unitAt[c]);
                }
            }
        }

        return glued;
    }

    /// <summary>Characters that stay with the number before them: 2022年, 8月, 22日, 12号, 3座, 255个.</summary>
    public const string NumberUnits = "年月日时分秒号元万亿个座条项件次名人户家所公里米吨度期届";

    /// <summary>A number and its unit are not split over two lines ("2026" / "年").</summary>
    public static bool IsNumberWithUnit(TextUnit before, TextUnit after) =>
        !before.IsFullWidth && before.Text.Length > 0 && char.IsAsciiDigit(before.Text[^1])
        && after.Text.Length == 1 && NumberUnits.Contains(after.Text[0], StringComparison.Ordinal);

    public static bool StartsWithNoLineStart(TextUnit unit) =>
        unit.Text.Length > 0 && NoLineStart.Contains(unit.Text[0], StringComparison.Ordinal);

    public static bool EndsWithNoLineEnd(TextUnit unit) =>
        unit.Text.Length > 0 && NoLineEnd.Contains(unit.Text[^1], StringComparison.Ordinal);

    /// <summary>
    /// Chinese punctuation for print: the portal's texts may carry half-width , : ; ? ! ( ) next to Chinese
    /// characters (typed on an English keyboard or normalised); an official document prints the full-width marks.
    /// Half-width marks between Latin letters or digits ("3.5", "10:30", "(2019-2023)" inside Latin) stay.
    /// </summary>
    public static string ToChinesePunctuation(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var mapped = c switch
            {
                ',' => '，',
                ':' => '：',
                ';' => '；',
                '?' => '？',
                '!' => '！',
                '(' => '（',
                ')' => '）',
                _ => c,
            };
            if (mapped != c && NextToChinese(text, i))
            {
                sb.Append(mapped);
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static bool NextToChinese(string text, int i)
    {
        // A mark counts as Chinese when the nearest non-space character on either side is Chinese; for an opening
        // parenthesis the previous character decides, for a closing one the next decides too ("年)" → "年）").
        static bool IsChinese(char c) => c >= 0x2E80 && !char.IsSurrogate(c) || char.IsHighSurrogate(c) || c is '（' or '）' or '“' or '”' or '《' or '》';
        var before = i > 0 ? text[i - 1] : '\0';
        var after = i + 1 < text.Length ? text[i + 1] : '\0';
        if (IsChinese(before) || IsChinese(after))
        {
            return true;
        }

        // "(2019-2023年)": the parenthesis pairs with Chinese text further on.
        if (text[i] == '(')
        {
            var close = text.IndexOf(')', i + 1);
            return close > 0 && text.AsSpan(i + 1, close - i - 1).ContainsAnyInRange('\u2E80', '\uFFEF');
        }

        if (text[i] == ')')
        {
            var open = text.LastIndexOf('(', i);
            return open >= 0 && text.AsSpan(open + 1, i - open - 1).ContainsAnyInRange('\u2E80', '\uFFEF');
        }

        return char.GetUnicodeCategory(before) == UnicodeCategory.OtherLetter;
    }
}
