using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ProposalPortal.Features.Common;

/// <summary>
/// Writes plain .xlsx workbooks (the import template, the statistics exports): one sheet per table, a bold header
/// row, text as inline strings and numbers as numbers, so Excel, WPS and LibreOffice open them without repair.
/// Characters XML cannot carry (a control character stored before the input rules) are left out rather than failing
/// the whole workbook.
/// </summary>
public sealed class XlsxWriter
{
    private readonly List<(string Name, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<object?>> Rows)> _sheets = [];

    /// <summary>Adds a sheet; a cell is text unless it is a number (int, long, double, decimal).</summary>
    public XlsxWriter Sheet(string name, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        _sheets.Add((name, headers, rows));
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var (name, headers, rows) in _sheets)
            {
                var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.Append(Row(headers.Cast<object?>().ToList(), bold: true));
                foreach (var row in rows)
                {
                    data.Append(Row(row, bold: false));
                }

                var columns = new Columns(headers.Select((h, i) => new Column
                {
                    Min = (uint)(i + 1), Max = (uint)(i + 1), Width = Math.Clamp(h.Length * 2.6 + 4, 10, 60), CustomWidth = true,
                }));
                worksheetPart.Worksheet = new Worksheet(columns, data);
                sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = id++, Name = SheetName(name) });
            }
        }

        return stream.ToArray();
    }

    private static Row Row(IReadOnlyList<object?> values, bool bold)
    {
        var row = new Row();
        foreach (var value in values)
        {
            Cell cell = value switch
            {
                int or long or double or decimal or float => new Cell
                {
                    DataType = CellValues.Number,
                    CellValue = new CellValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
                },
                _ => new Cell
                {
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(Domain.TextRules.ForXml(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty))
                    {
                        Space = SpaceProcessingModeValues.Preserve,
                    }),
                },
            };
            if (bold)
            {
                cell.StyleIndex = 1;
            }

            row.Append(cell);
        }

        return row;
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });

    // Excel refuses sheet names over 31 characters or with []:*?/\.
    private static string SheetName(string name)
    {
        var clean = new string(Domain.TextRules.ForXml(name).Where(c => "[]:*?/\\".IndexOf(c, StringComparison.Ordinal) < 0).ToArray());
        return clean.Length > 31 ? clean[..31] : clean;
    }
}
