using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ProposalPortal.Features.Import;

/// <summary>A spreadsheet as text: the header row and the data rows with their line numbers (as Excel numbers them).</summary>
public sealed record SpreadsheetTable(IReadOnlyList<string> Headers, IReadOnlyList<SpreadsheetRow> Rows);

public sealed record SpreadsheetRow(int Line, IReadOnlyList<string> Cells)
{
    public string Cell(int index) => index >= 0 && index < Cells.Count ? Cells[index] : string.Empty;
}

/// <summary>
/// Reads an assignment list from .xlsx (the first sheet) or .csv (UTF-8 with or without BOM, UTF-16 with BOM, or
/// GB18030, which Chinese Excel writes by default). Anything else is refused with a message, never guessed at.
/// </summary>
public static class AssignmentFileReader
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public static readonly IReadOnlyList<string> Extensions = [".xlsx", ".csv"];

    static AssignmentFileReader()
    {
        // GB18030 and the other code pages ship with .NET but must be registered before Encoding.GetEncoding finds them.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>The GB18030 encoding (code page 54936).</summary>
    public static Encoding Gb18030 => Encoding.GetEncoding(54936);

    /// <summary>The file's table, or why it cannot be read (in Chinese).</summary>
    public static (SpreadsheetTable? Table, string? Problem) Read(string fileName, byte[] content, ImportOptions? limits = null)
    {
        limits ??= new ImportOptions();
        var extension = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        if (!Extensions.Contains(extension))
        {
            return (null, $"不支持的文件类型（{(extension.Length == 0 ? "无扩展名" : extension)}）：请上传 .xlsx 或 .csv 格式的交办清单");
        }

        if (content.LongLength > MaxBytes)
        {
            return (null, $"文件过大：交办清单不能超过{MaxBytes / 1024 / 1024}MB");
        }

        if (content.Length == 0)
        {
            return (null, "文件是空的");
        }

        if (extension == ".xlsx" && WhyNotUnpack(content, limits) is { } tooBig)
        {
            return (null, tooBig);
        }

        var table = extension == ".xlsx" ? ReadXlsx(content) : ReadCsv(content);
        if (table is null)
        {
            return (null, extension == ".xlsx"
                ? "无法读取该 Excel 文件：请确认是 .xlsx 格式（旧版 .xls 请先另存为 .xlsx）"
                : "无法读取该 CSV 文件");
        }

        if (table.Headers.All(string.IsNullOrWhiteSpace))
        {
            return (null, "文件第1行应为列标题（年度、来源、届次、编号……），但第1行是空的");
        }

        return (table, null);
    }

    // ---- .xlsx ----------------------------------------------------------------------------------------

    /// <summary>
    /// Refuses an .xlsx that would unpack to more than the limit, before the spreadsheet library reads it. The sizes a
    /// zip declares are only a claim, so every part is also unpacked once into nothing, counting, and stopped at the limit.
    /// </summary>
    private static string? WhyNotUnpack(byte[] content, ImportOptions limits)
    {
        var refusal = $"文件解压后过大：交办清单解压后不能超过{limits.MaxExpandedBytes / 1024 / 1024}MB（该文件可能已损坏或是恶意构造的压缩包），请检查后重新上传";
        const long smallPart = 1024 * 1024;
        try
        {
            using var archive = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            long declared = 0;
            foreach (var entry in archive.Entries)
            {
                declared += entry.Length;
                if (declared > limits.MaxExpandedBytes
                    || (entry.Length > smallPart && entry.Length > (long)limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength)))
                {
                    return refusal;
                }
            }

            var buffer = new byte[81920];
            long unpacked = 0;
            foreach (var entry in archive.Entries)
            {
                using var part = entry.Open();
                long partBytes = 0;
                int read;
                while ((read = part.Read(buffer)) > 0)
                {
                    unpacked += read;
                    partBytes += read;
                    if (unpacked > limits.MaxExpandedBytes
                        || (partBytes > smallPart && partBytes > (long)limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength)))
                    {
                        return refusal;
                    }
                }
            }

            return null;
        }
        catch (InvalidDataException)
        {
            // Not a zip at all: the reader below says so in its own words.
            return null;
        }
    }

    private static SpreadsheetTable? ReadXlsx(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart;
            var sheet = workbook?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbook is null || sheet?.Id?.Value is not { } relationship)
            {
                return null;
            }

            // Read element by element rather than as one document tree, which costs many times the XML's size.
            var shared = workbook.SharedStringTablePart is { } sharedPart ? Elements<SharedStringItem>(sharedPart).Select(i => i.InnerText).ToArray() : [];
            var worksheet = (WorksheetPart)workbook.GetPartById(relationship);
            var lines = new List<SpreadsheetRow>();
            var lineNumber = 0;
            foreach (var row in Elements<Row>(worksheet))
            {
                lineNumber = row.RowIndex?.Value is { } index ? (int)index : lineNumber + 1;
                var cells = new List<string>();
                var next = 0;
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : next;
                    while (cells.Count < column)
                    {
                        cells.Add(string.Empty);
                    }

                    cells.Add(CellText(cell, shared).Trim());
                    next = column + 1;
                }

                lines.Add(new SpreadsheetRow(lineNumber, cells));
            }

            return ToTable(lines);
        }
        catch (Exception e) when (e is InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException
            or IOException or InvalidOperationException or System.Xml.XmlException or FormatException)
        {
            return null;
        }
    }

    private static IEnumerable<T> Elements<T>(OpenXmlPart part) where T : OpenXmlElement
    {
        using var reader = OpenXmlReader.Create(part);
        var more = reader.Read();
        while (more)
        {
            // Loading an element moves the reader past it already; reading on as well would skip its next sibling.
            if (reader.ElementType == typeof(T) && reader.IsStartElement)
            {
                yield return (T)reader.LoadCurrentElement()!;
                more = !reader.EOF;
            }
            else
            {
                more = reader.Read();
            }
        }
    }

    private static string CellText(Cell cell, string[] shared)
    {
        var raw = cell.CellValue?.Text ?? string.Empty;
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Length ? shared[i] : string.Empty;
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }

        if (cell.DataType?.Value == CellValues.Boolean)
        {
            return raw == "1" ? "是" : "否";
        }

        // Numbers (and dates, which Excel stores as day serials) come as invariant text; the date parser knows serials.
        return raw;
    }

    /// <summary>"C7" → 2 (zero-based).</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index - 1;
    }

    // ---- .csv -----------------------------------------------------------------------------------------

    private static SpreadsheetTable? ReadCsv(byte[] content)
    {
        var text = Decode(content);
        var lines = new List<SpreadsheetRow>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var line = 1;
        var rowStart = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                inQuotes = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString().Trim());
                field.Clear();
                lines.Add(new SpreadsheetRow(rowStart, fields));
                fields = [];
                line++;
                rowStart = line;
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString().Trim());
            lines.Add(new SpreadsheetRow(rowStart, fields));
        }

        return ToTable(lines);
    }

    /// <summary>
    /// BOMs decide first; without one, text that is valid UTF-8 is UTF-8, anything else is read as GB18030 (Chinese
    /// Excel's "CSV" default). GB18030 text is almost never valid UTF-8, so the order is safe.
    /// </summary>
    internal static string Decode(byte[] content)
    {
        if (content.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            return Encoding.UTF8.GetString(content, 3, content.Length - 3);
        }

        if (content.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE }))
        {
            return Encoding.Unicode.GetString(content, 2, content.Length - 2);
        }

        if (content.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return Encoding.BigEndianUnicode.GetString(content, 2, content.Length - 2);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return Gb18030.GetString(content);
        }
    }

    private static SpreadsheetTable? ToTable(List<SpreadsheetRow> lines)
    {
        if (lines.Count == 0)
        {
            return new SpreadsheetTable([], []);
        }

        var header = lines[0];
        var rows = lines.Skip(1).Where(r => r.Cells.Any(c => c.Length > 0)).ToList();
        return new SpreadsheetTable(header.Cells.Select(h => h.Trim()).ToList(), rows);
    }
}
