using System.Text;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Import;

namespace ProposalPortal.Tests.Features.Import;

/// <summary>Assignment lists as the city government's office would send them, in .xlsx and .csv.</summary>
internal static class ImportFiles
{
    public static readonly string[] Header = [.. AssignmentList.Columns];

    /// <summary>A lead item without 办理时限 (the rules compute it), an assisting item with one, and a key item.</summary>
    public static List<string[]> CleanRows() =>
    [
        ["2023", "市政协", "市政协十届二次会议", "7", "关于加快城乡物流体系建设的提案", "张三、李四", "主办", "", "市商务局", "2023-03-15", "", "否", "建议加快物流园建设"],
        ["2023", "州人大", "州人大十一届二次会议", "45", "关于完善农村客运网络的建议", "王五", "协办", "州交通运输局", "", "2023/3/15", "2023/4/30", "", ""],
        ["2023", "市人大", "市人大十届二次会议", "第12号", "关于推进数字乡村建设的建议", "赵六，钱七", "主办", "", "", "2023年3月20日", "2023年6月30日", "是", ""],
    ];

    public static byte[] Xlsx(IReadOnlyList<string> header, IEnumerable<string[]> rows) =>
        new XlsxWriter().Sheet("交办清单", header, rows.Select(r => (IReadOnlyList<object?>)r.Cast<object?>().ToList())).ToBytes();

    public static byte[] Xlsx(IEnumerable<string[]> rows) => Xlsx(Header, rows);

    public static string CsvText(IReadOnlyList<string> header, IEnumerable<string[]> rows) =>
        string.Join("\r\n", new[] { header.ToArray() }.Concat(rows).Select(r => string.Join(",", r.Select(Quote)))) + "\r\n";

    public static byte[] Csv(IEnumerable<string[]> rows, Encoding encoding, bool bom)
    {
        var body = encoding.GetBytes(CsvText(Header, rows));
        return bom ? [.. encoding.GetPreamble(), .. body] : body;
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
