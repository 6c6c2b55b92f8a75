using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ProposalPortal.Features.Common;

/// <summary>
/// Writes plain .xlsx workbooks (the import template, the statistics exports) that Excel, WPS and LibreOffice open as
/// their own: one sheet per table, a bold header row frozen at the top and repeated on every printed page, text as
/// inline strings, numbers as numbers, <see cref="DateOnly"/> as date cells shown 2022年3月14日, <see cref="Percent"/>
/// as numbers shown 92.3%, empty cells left out, columns as wide as their text (a Chinese character counts twice),
/// A4 landscape fitted to the page width, and a styles part with the Normal style (宋体 11).
/// Characters XML cannot carry (a control character stored before the input rules) are left out rather than failing
/// the whole workbook.
/// <para>
/// Hand-written on the OpenXml SDK (already used for the .docx) rather than ClosedXML: the writer needs five cell
/// kinds and one page setup, about 200 lines, where ClosedXML would bring a second spreadsheet model and its own
/// dependencies (fonts measuring, SixLabors) into the app for the same files.
/// </para>
/// </summary>
public sealed class XlsxWriter
{
    /// <summary>A fraction (0.923) written as a number and shown as a percentage (92.3%).</summary>
    public readonly record struct Percent(double Fraction);

    private const uint HeaderStyle = 1;
    private const uint DateStyle = 2;
    private const uint PercentStyle = 3;
    private const uint TitleStyle = 4;
    private const uint SubtitleStyle = 5;
    private const string DateFormat = "yyyy\"年\"m\"月\"d\"日\"";
    private static readonly DateOnly SerialZero = new(1899, 12, 30); // Excel's day 0 (after its 1900 leap-year quirk)

    private readonly List<(string Name, IReadOnlyList<string> Title, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<object?>> Rows)> _sheets = [];

    /// <summary>
    /// Adds a sheet. A cell is a number (int, long, double, decimal), a date (<see cref="DateOnly"/>), a percentage
    /// (<see cref="Percent"/>), or text; null and empty text leave the cell out.
    /// </summary>
    public XlsxWriter Sheet(string name, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows) =>
        Sheet(name, [], headers, rows);

    /// <summary>
    /// Adds a sheet under a title, as a report sent to another body reads: the first line large and bold, any further
    /// lines (填报单位, 填报日期) plain, each across the table's width; the header row below them stays frozen and is
    /// the row repeated on every printed page.
    /// </summary>
    public XlsxWriter Sheet(string name, IReadOnlyList<string> title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        _sheets.Add((name, title, headers, rows));
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Stylesheet();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            var printTitles = new DefinedNames();
            uint id = 1;
            foreach (var (name, title, headers, rows) in _sheets)
            {
                var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
                var widths = new double[headers.Count];
                var data = new SheetData();
                uint rowIndex = 1;
                var merges = new MergeCells();
                foreach (var line in title)
                {
                    // A title spans the table: its text does not widen the first column.
                    var (cell, _) = Text(Domain.TextRules.ForXml(line));
                    var reference = "A" + rowIndex.ToString(CultureInfo.InvariantCulture);
                    var row = new Row { RowIndex = rowIndex };
                    if (cell is not null)
                    {
                        cell.CellReference = reference;
                        cell.StyleIndex = rowIndex == 1 ? TitleStyle : SubtitleStyle;
                        row.Append(cell);
                    }

                    data.Append(row);
                    if (headers.Count > 1)
                    {
                        merges.Append(new MergeCell { Reference = $"{reference}:{ColumnName(headers.Count - 1)}{rowIndex.ToString(CultureInfo.InvariantCulture)}" });
                    }

                    rowIndex++;
                }

                var headerRow = rowIndex.ToString(CultureInfo.InvariantCulture);
                var firstDataCell = "A" + (rowIndex + 1).ToString(CultureInfo.InvariantCulture);
                data.Append(Row(rowIndex++, headers.Cast<object?>().ToList(), widths, header: true));
                foreach (var row in rows)
                {
                    data.Append(Row(rowIndex++, row, widths, header: false));
                }

                var columns = new Columns(widths.Select((w, i) => new Column
                {
                    Min = (uint)(i + 1), Max = (uint)(i + 1), Width = Math.Clamp(w + 2, 6, 60), CustomWidth = true,
                }));
                worksheetPart.Worksheet = new Worksheet(
                    new SheetProperties(new PageSetupProperties { FitToPage = true }),
                    new SheetViews(new SheetView(
                        new Pane { VerticalSplit = title.Count + 1, TopLeftCell = firstDataCell, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                        new Selection { Pane = PaneValues.BottomLeft, ActiveCell = firstDataCell, SequenceOfReferences = new ListValue<StringValue> { InnerText = firstDataCell } })
                    {
                        TabSelected = id == 1 ? true : null, WorkbookViewId = 0,
                    }),
                    columns,
                    data);
                if (merges.ChildElements.Count > 0)
                {
                    worksheetPart.Worksheet.Append(merges);
                }

                worksheetPart.Worksheet.Append(
                    new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 },
                    // A4 (9), landscape, one page wide and as many pages tall as the rows need.
                    new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
                var sheetName = SheetName(name);
                sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = id, Name = sheetName });
                printTitles.Append(new DefinedName($"'{sheetName.Replace("'", "''", StringComparison.Ordinal)}'!${headerRow}:${headerRow}")
                {
                    Name = "_xlnm.Print_Titles", LocalSheetId = id - 1,
                });
                id++;
            }

            workbookPart.Workbook.Append(printTitles);
        }

        return stream.ToArray();
    }

    private static Row Row(uint index, IReadOnlyList<object?> values, double[] widths, bool header)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < values.Count; i++)
        {
            var (cell, shown) = Cell(values[i]);
            if (cell is null)
            {
                continue;
            }

            cell.CellReference = ColumnName(i) + index.ToString(CultureInfo.InvariantCulture);
            if (header)
            {
                cell.StyleIndex = HeaderStyle;
            }

            if (i < widths.Length)
            {
                widths[i] = Math.Max(widths[i], DisplayWidth(shown));
            }

            row.Append(cell);
        }

        return row;
    }

    /// <summary>The cell for a value, and the text it shows (for the column width); no cell for nothing.</summary>
    private static (Cell? Cell, string Shown) Cell(object? value) => value switch
    {
        null => (null, string.Empty),
        DateOnly date => (Number(date.DayNumber - SerialZero.DayNumber, DateStyle), Domain.ChineseDate.Format(date)),
        Percent percent => (Number(percent.Fraction, PercentStyle), "100.0%"),
        int or long or double or decimal or float => (Number(Convert.ToDouble(value, CultureInfo.InvariantCulture), 0),
            Convert.ToString(value, CultureInfo.InvariantCulture)!),
        _ => Text(Domain.TextRules.ForXml(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty)),
    };

    private static Cell Number(double value, uint style) => new()
    {
        DataType = CellValues.Number, CellValue = new CellValue(value), StyleIndex = style == 0 ? null : style,
    };

    private static (Cell? Cell, string Shown) Text(string text) => text.Length == 0
        ? (null, string.Empty)
        : (new Cell
        {
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
        }, text);

    /// <summary>Width in Excel's units (the digit width of the default font): a Chinese (full-width) character counts 2.</summary>
    internal static double DisplayWidth(string text)
    {
        var longest = 0.0;
        foreach (var line in text.Split('\n'))
        {
            var width = 0.0;
            foreach (var c in line)
            {
                width += char.IsLowSurrogate(c) ? 0 : IsWide(c) ? 2 : 1;
            }

            longest = Math.Max(longest, width);
        }

        return longest;
    }

    /// <summary>East Asian wide characters (and the quotes and dashes that 宋体 sets full-width); a surrogate pair is a CJK extension.</summary>
    private static bool IsWide(char c) => c is >= '\u1100' and <= '\u115F' or >= '\u2014' and <= '\u201D' or >= '\u2E80' and <= '\uA4CF'
        or >= '\uAC00' and <= '\uD7A3' or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60'
        or >= '\uFFE0' and <= '\uFFE6' || char.IsHighSurrogate(c);

    private static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }

        return name;
    }

    /// <summary>
    /// Normal (宋体 11, the default of Chinese Excel and WPS) as a named cell style, so that readers find a default
    /// style; then the bold header, the Chinese date, the 0.0% percentage, and a report's title and the lines under it.
    /// </summary>
    private static Stylesheet Stylesheet()
    {
        static Font Song(bool bold, double size = 11)
        {
            var font = new Font();
            if (bold)
            {
                font.Append(new Bold());
            }

            font.Append(new FontSize { Val = size }, new FontName { Val = "宋体" }, new FontCharSet { Val = 134 });
            return font;
        }

        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = 164, FormatCode = DateFormat },
                new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0%" }) { Count = 2 },
            new Fonts(Song(bold: false), Song(bold: true), Song(bold: true, size: 16)) { Count = 3 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
                new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
                new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 165, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
                // A report's title, centred over the table, and its plain lines under it (填报单位, 填报日期).
                new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center })
                {
                    NumberFormatId = 0, FontId = 2, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyAlignment = true,
                },
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 }) { Count = 6 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 },
            new DifferentialFormats { Count = 0 });
    }

    // Excel refuses sheet names over 31 characters or with []:*?/\.
    private static string SheetName(string name)
    {
        var clean = new string(Domain.TextRules.ForXml(name).Where(c => "[]:*?/\\".IndexOf(c, StringComparison.Ordinal) < 0).ToArray());
        return clean.Length > 31 ? clean[..31] : clean;
    }
}
