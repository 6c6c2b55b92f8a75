using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Architecture;

/// <summary>
/// Every Chinese text the portal shows or writes uses full-width punctuation (，；：（）？！): a half-width one right
/// next to a Chinese character reads as a typo to the bureau. This scans the production source's string literals
/// (.cs) and markup (.razor) so a new message cannot slip back to "第1页,共3页".
/// </summary>
public class FullWidthPunctuationTests
{
    /// <summary>
    /// Files allowed to keep half-width pairs, with why. Migrations carry the SQLite audit triggers' messages (a
    /// schema change to reword); the line breaker lists half-width punctuation on purpose, to treat it.
    /// </summary>
    private static readonly string[] Exempt =
    [
        "ProposalPortal/Data/Migrations/",
        "ProposalPortal/Data/PostgreSqlMigrations/",
        "ProposalPortal/Features/Documents/Typesetting/ChineseLineBreaker.cs",
    ];

    [Fact]
    public void Chinese_text_in_the_source_uses_full_width_punctuation()
    {
        var source = Path.Combine(Repository.Root, "ProposalPortal");
        var findings = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => (Full: f, Relative: Path.GetRelativePath(Repository.Root, f).Replace('\\', '/')))
            .Where(f => !f.Relative.Contains("/obj/", StringComparison.Ordinal) && !f.Relative.Contains("/bin/", StringComparison.Ordinal))
            .Where(f => !Exempt.Any(e => f.Relative.StartsWith(e, StringComparison.Ordinal)))
            .SelectMany(f => File.ReadLines(f.Full).Select((line, i) => (f.Relative, Line: i + 1, Text: line)))
            .Where(l => HalfWidthNextToChinese(l.Text, razor: l.Relative.EndsWith(".razor", StringComparison.Ordinal)))
            .Select(l => $"{l.Relative}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(findings.Count == 0,
            $"{findings.Count} line(s) put half-width punctuation next to Chinese (use ，；：（）？！):\n" + string.Join('\n', findings));
    }

    [Theory]
    [InlineData("var s = $\"第{page}页,共{count}页\";", false, true)]
    [InlineData("var s = \"不支持的文件类型(\" + x + \")\";", false, true)]
    [InlineData("var s = $\"第{page}页，共{count}页\";", false, false)]
    [InlineData("Foo(中文);", false, false)]
    [InlineData("var s = $\"{(a ? \"是\" : \"否\")}\";", false, false)]
    [InlineData("<span>逾期@(row.DaysLate)天</span>", true, false)]
    [InlineData("<span>共3件(含协办)</span>", true, true)]
    [InlineData("// 注释,不显示", false, false)]
    [InlineData("var f = $\"{{专题会议:{x}}}\";", false, false)]
    public void The_scan_looks_only_at_text(string line, bool razor, bool flagged) =>
        Assert.Equal(flagged, HalfWidthNextToChinese(line, razor));

    internal static bool HalfWidthNextToChinese(string line, bool razor)
    {
        var trimmed = line.TrimStart();
        // Comments are not shown; regular expressions are for machines.
        if (trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith("@*", StringComparison.Ordinal)
            || trimmed.StartsWith('*') || line.Contains("Regex", StringComparison.Ordinal) || line.Contains("\"\"\"", StringComparison.Ordinal))
        {
            return false;
        }

        var text = razor ? RazorTextMask(line) : LiteralMask(line);
        var opening = new Stack<int>();
        var codeParen = new Dictionary<int, bool>();
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '(')
            {
                opening.Push(i);
                codeParen[i] = i > 0 && IsCodeChar(line[i - 1]);
            }
            else if (line[i] == ')')
            {
                codeParen[i] = opening.Count > 0 && codeParen[opening.Pop()];
            }
        }

        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (!text[i] || ",;:?!()".IndexOf(c) < 0 || (c is '(' or ')' && codeParen[i]))
            {
                continue;
            }

            if ((i > 0 && IsChinese(line[i - 1])) || (i + 1 < line.Length && IsChinese(line[i + 1])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff';

    // A parenthesis right after an identifier, '@' or '.' opens a call or an expression, not text.
    private static bool IsCodeChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '@' or '.';

    /// <summary>Razor: the whole line is text except @( … ) expressions.</summary>
    private static bool[] RazorTextMask(string line)
    {
        var mask = Enumerable.Repeat(true, line.Length).ToArray();
        for (var i = line.IndexOf("@(", StringComparison.Ordinal); i >= 0; i = line.IndexOf("@(", i + 1, StringComparison.Ordinal))
        {
            var depth = 0;
            var j = i + 1;
            var literal = LiteralMask(line);
            for (; j < line.Length; j++)
            {
                mask[j] = literal[j];
                if (literal[j])
                {
                    continue;
                }

                depth += line[j] == '(' ? 1 : line[j] == ')' ? -1 : 0;
                if (depth == 0)
                {
                    break;
                }
            }
        }

        return mask;
    }

    /// <summary>C#: the characters inside string literals, outside interpolation holes and {placeholders}.</summary>
    private static bool[] LiteralMask(string line)
    {
        var mask = new bool[line.Length];
        var i = 0;
        Code(line, ref i, mask, insideHole: false);
        return mask;
    }

    private static void Code(string l, ref int i, bool[] mask, bool insideHole)
    {
        var depth = 0;
        while (i < l.Length)
        {
            var c = l[i];
            if (c == '/' && i + 1 < l.Length && l[i + 1] == '/')
            {
                i = l.Length;
                return;
            }

            if (c == '\'')
            {
                i++;
                while (i < l.Length && l[i] != '\'')
                {
                    i += l[i] == '\\' ? 2 : 1;
                }

                i++;
                continue;
            }

            if (c == '"')
            {
                var prefix = l[..i];
                var interpolated = prefix.EndsWith('$') || prefix.EndsWith("$@", StringComparison.Ordinal);
                var verbatim = prefix.EndsWith('@') || prefix.EndsWith("@$", StringComparison.Ordinal);
                i++;
                Literal(l, ref i, mask, interpolated, verbatim);
                continue;
            }

            if (insideHole && c == '{')
            {
                depth++;
            }
            else if (insideHole && c == '}')
            {
                if (depth == 0)
                {
                    return;
                }

                depth--;
            }

            i++;
        }
    }

    private static void Literal(string l, ref int i, bool[] mask, bool interpolated, bool verbatim)
    {
        while (i < l.Length)
        {
            var c = l[i];
            if (!verbatim && c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == '"')
            {
                if (verbatim && i + 1 < l.Length && l[i + 1] == '"')
                {
                    i += 2;
                    continue;
                }

                i++;
                return;
            }

            if (c == '{' && i + 1 < l.Length && l[i + 1] == '{')
            {
                // A literal brace opens a summary field key ({专题会议:…}), whose ':' the template parser reads.
                var close = l.IndexOf('}', i + 2);
                i = close < 0 ? i + 2 : close;
                continue;
            }

            if (c == '{')
            {
                i++;
                if (interpolated)
                {
                    Code(l, ref i, mask, insideHole: true);
                    i++;
                }
                else
                {
                    // A placeholder ({0}, {工作会议:…}) is filled by code: its inside is a key, not text.
                    var end = l.IndexOf('}', i);
                    i = end < 0 ? i : end + 1;
                }

                continue;
            }

            mask[i] = true;
            i++;
        }
    }
}
