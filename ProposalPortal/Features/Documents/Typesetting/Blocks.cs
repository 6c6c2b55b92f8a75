namespace ProposalPortal.Features.Documents.Typesetting;

/// <summary>Which configured face a block is set in: GB/T 9704 uses 仿宋 for the body, 小标宋 for titles, 黑体/楷体 for headings.</summary>
public enum FontRole
{
    Body,
    Title,

    /// <summary>Level-1 headings (一、……): 黑体.</summary>
    Heading,

    /// <summary>Level-2 headings (（一）……): 楷体.</summary>
    SubHeading,
}

public enum TextAlignment
{
    /// <summary>From the left edge of the type area, after <see cref="TextStyle.LeftIndent"/> (and the first-line indent).</summary>
    Left,

    /// <summary>Centred in the type area; wrapped lines are balanced (a title's lines come out of similar length).</summary>
    Center,

    /// <summary>Ending <see cref="TextStyle.RightIndent"/> characters before the right edge of the type area.</summary>
    Right,
}

/// <summary>How a block's text looks and sits.</summary>
public sealed record TextStyle
{
    public FontRole Font { get; init; } = FontRole.Body;

    /// <summary>Font size in points; null means the geometry's body size (3号).</summary>
    public double? Size { get; init; }

    /// <summary>
    /// Characters laid on the page grid (28 per line) — the body. Off the grid, characters advance by their own size:
    /// titles in 2号, the 版记 in 4号.
    /// </summary>
    public bool OnGrid { get; init; } = true;

    public TextAlignment Alignment { get; init; } = TextAlignment.Left;

    /// <summary>The first line's indent in characters: 2 for a paragraph.</summary>
    public double FirstLineIndent { get; init; }

    /// <summary>Indent of every line from the left, in characters.</summary>
    public double LeftIndent { get; init; }

    /// <summary>Space kept free at the right, in characters.</summary>
    public double RightIndent { get; init; }

    /// <summary>How many grid lines each line of the block takes (a masthead in a large size takes 2).</summary>
    public int LineSpan { get; init; } = 1;

    /// <summary>RGB colour, e.g. 0xE60012 for the red masthead; black by default.</summary>
    public int Color { get; init; }

    public static TextStyle Paragraph { get; } = new() { FirstLineIndent = 2 };
    public static TextStyle Flush { get; } = new();
}

/// <summary>One element of a document, laid out by <see cref="Typesetter"/>.</summary>
public abstract record Block
{
    /// <summary>A name the caller uses to find the block's lines after layout (to place a seal or a rule).</summary>
    public string? Tag { get; init; }

    /// <summary>The block's first line goes on the same page as the previous block's last line.</summary>
    public bool KeepWithPrevious { get; init; }

    /// <summary>All lines of the block go on one page.</summary>
    public bool KeepTogether { get; init; }
}

/// <summary>Text wrapped by the Chinese line-breaking rules. A newline starts a new line with the same style.</summary>
public sealed record TextBlock(string Text, TextStyle Style) : Block;

/// <summary>Empty grid lines; dropped at the top of a page.</summary>
public sealed record BlankLines(int Count) : Block;

/// <summary>Starts a new page.</summary>
public sealed record PageBreak : Block;
