using System.Text.RegularExpressions;

namespace ProposalPortal.Features.Documents.Typesetting;

/// <summary>
/// Recognises the numbered headings of Chinese official prose, so that they are set in their faces (GB/T 9704:
/// 一、 in 黑体, （一） in 楷体). Only a heading standing alone counts: a short line with no sentence inside it
/// ("一、主要做法", "（一）思想统一，认识到位。"); a numbered paragraph that goes on to explain stays in the body face.
/// </summary>
public static partial class OutlineHeadings
{
    /// <summary>The face for a paragraph: <see cref="FontRole.Heading"/>, <see cref="FontRole.SubHeading"/> or null for body text.</summary>
    public static FontRole? RoleOf(string paragraph)
    {
        var text = paragraph.Trim();
        if (LevelOne().IsMatch(text))
        {
            return FontRole.Heading;
        }

        return LevelTwo().IsMatch(text) ? FontRole.SubHeading : null;
    }

    [GeneratedRegex(@"^[一二三四五六七八九十]+、[^。；;]{1,26}[。]?$", RegexOptions.CultureInvariant)]
    private static partial Regex LevelOne();

    [GeneratedRegex(@"^[（(][一二三四五六七八九十]+[）)][^。；;]{1,26}[。]?$", RegexOptions.CultureInvariant)]
    private static partial Regex LevelTwo();
}
