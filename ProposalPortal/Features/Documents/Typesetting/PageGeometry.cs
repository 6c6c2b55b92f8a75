namespace ProposalPortal.Features.Documents.Typesetting;

/// <summary>
/// The page and its character grid, in points (1/72 inch) measured from the page's top-left corner.
/// <see cref="Gb9704"/> is the official-document page of GB/T 9704-2012: A4, 天头 37 mm, 订口 28 mm, a type area of
/// 156 × 225 mm holding 22 lines of 28 characters in 3号 (16 pt).
/// </summary>
public sealed record PageGeometry
{
    public const double PointsPerMillimetre = 72 / 25.4;

    public double PageWidthMm { get; init; } = 210;
    public double PageHeightMm { get; init; } = 297;

    /// <summary>天头: from the top edge of the paper to the top of the first line.</summary>
    public double TopMarginMm { get; init; } = 37;

    /// <summary>订口: from the left edge of the paper to the start of each line.</summary>
    public double LeftMarginMm { get; init; } = 28;

    public double TypeAreaWidthMm { get; init; } = 156;
    public double TypeAreaHeightMm { get; init; } = 225;
    public int CharactersPerLine { get; init; } = 28;
    public int LinesPerPage { get; init; } = 22;

    /// <summary>3号.</summary>
    public double BodySize { get; init; } = 16;

    /// <summary>4号: page numbers and the 版记 (抄送).</summary>
    public double SmallSize { get; init; } = 14;

    /// <summary>The page number's dash sits this far below the type area (一字线上距版心下边缘 7 mm).</summary>
    public double PageNumberGapMm { get; init; } = 7;

    public static PageGeometry Gb9704 { get; } = new();

    public double PageWidth => PageWidthMm * PointsPerMillimetre;
    public double PageHeight => PageHeightMm * PointsPerMillimetre;
    public double Left => LeftMarginMm * PointsPerMillimetre;
    public double Top => TopMarginMm * PointsPerMillimetre;
    public double Width => TypeAreaWidthMm * PointsPerMillimetre;
    public double Height => TypeAreaHeightMm * PointsPerMillimetre;
    public double Right => Left + Width;
    public double Bottom => Top + Height;

    /// <summary>The width of one grid cell: one Chinese character of the body.</summary>
    public double Cell => Width / CharactersPerLine;

    /// <summary>The distance between two grid lines.</summary>
    public double LinePitch => Height / LinesPerPage;

    /// <summary>The top of grid line <paramref name="line"/> (0-based) on any page.</summary>
    public double LineTop(int line) => Top + line * LinePitch;
}
