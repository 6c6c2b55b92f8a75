namespace ProposalPortal.Domain;

/// <summary>
/// What text the portal accepts from anyone: no control characters (a tab and line breaks only in fields that hold
/// several lines) and nothing longer than the field holds. One U+0001 in a stored title once made the year's .xlsx
/// export fail for everyone, because XML cannot carry it; SQLite does not enforce a column's length either.
/// The import, the saves and the .xlsx writer all ask here.
/// </summary>
public static class TextRules
{
    /// <summary>The ceiling of text fields that have no length of their own in the database (an item's content, a reply's body).</summary>
    public const int LongTextMaxLength = 20_000;

    /// <summary>
    /// Why <paramref name="value"/> cannot go into the field called <paramref name="label"/>, in Chinese, or null.
    /// The refusal names the field and the character (as U+0001) so that the person can find it.
    /// </summary>
    public static string? WhyNot(string label, string? value, int maxLength, bool multiline) =>
        Describe($"“{label}”", value, maxLength, multiline);

    /// <summary>The same for a cell of an imported sheet: 第3行“标题”列含有……</summary>
    public static string? WhyNotInCell(int line, string column, string? value, int maxLength, bool multiline) =>
        Describe($"第{line}行“{column}”列", value, maxLength, multiline);

    private static string? Describe(string subject, string? value, int maxLength, bool multiline)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (FirstForbidden(value, multiline) is { } bad)
        {
            var what = bad is '\t' or '\r' or '\n' ? "换行符或制表符（该项只能填一行）" : $"不可见的控制字符（{CodePoint(bad)}）";
            return $"{subject}含有{what}，请删除后再提交";
        }

        // Counted as the forms count (UTF-16 units), so the server never refuses what the form let through.
        var length = value.Length;
        return length > maxLength ? $"{subject}过长：不能超过{maxLength}个字（现有{length}个字）" : null;
    }

    /// <summary>The first character that may not stand in such a field, or null.</summary>
    public static char? FirstForbidden(string value, bool multiline)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '\t' or '\r' or '\n')
            {
                if (!multiline)
                {
                    return c;
                }
            }
            else if (char.IsControl(c) || c is '\uFFFE' or '\uFFFF')
            {
                // C0 (U+0000–U+001F), DEL and C1 (U+007F–U+009F), and the two non-characters XML refuses.
                return c;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                // Half of a pair: not a character at all.
                return c;
            }
        }

        return null;
    }

    /// <summary>
    /// The text without the characters XML 1.0 cannot carry (C0 other than tab and line breaks, lone surrogates,
    /// U+FFFE/U+FFFF), for writers of stored data that was saved before these rules existed.
    /// </summary>
    public static string ForXml(string value)
    {
        if (FirstNotXml(value) < 0)
        {
            return value;
        }

        var clean = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                clean.Append(c).Append(value[++i]);
            }
            else if (IsXmlChar(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    private static int FirstNotXml(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (!IsXmlChar(c))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsXmlChar(char c) =>
        c is '\t' or '\n' or '\r' || (c >= '\u0020' && c <= '\uFFFD' && !char.IsSurrogate(c));

    private static string CodePoint(char c) => $"U+{(int)c:X4}";
}
