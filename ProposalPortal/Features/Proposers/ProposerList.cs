using ProposalPortal.Domain.Proposers;
using ProposalPortal.Features.Import;

namespace ProposalPortal.Features.Proposers;

/// <summary>
/// The columns of a 人大 or 政协 list and how a row becomes <see cref="ProposerDetails"/>. Which body the list is
/// of follows from its group column: 代表团 for the congress's deputies, 界别 for the CPPCC's members.
/// </summary>
public static class ProposerList
{
    public const string Name = "姓名";
    public const string Term = "届别";
    public const string Delegation = "代表团";
    public const string Sector = "界别";
    public const string Unit = "工作单位";
    public const string Mobile = "手机";
    public const string OfficePhone = "办公电话";
    public const string Address = "通讯地址";
    public const string Email = "电子邮箱";

    /// <summary>The columns besides the name and the group, in the template's order.</summary>
    public static IReadOnlyList<string> OtherColumns { get; } = [Term, Unit, Mobile, OfficePhone, Address, Email];

    /// <summary>The rows as details, or every problem (each names its row); a list with any problem gives no rows.</summary>
    public static (IReadOnlyList<ProposerDetails> Rows, IReadOnlyList<string> Problems) Parse(SpreadsheetTable table)
    {
        var headers = table.Headers.Select(h => h.Replace(" ", string.Empty, StringComparison.Ordinal).Trim()).ToList();
        int Column(string name) => headers.IndexOf(name);
        var hasDelegation = Column(Delegation) >= 0;
        var hasSector = Column(Sector) >= 0;
        if (Column(Name) < 0)
        {
            return ([], [$"第1行没有“{Name}”列：名单须有{Name}、{Delegation}（人大名单）或{Sector}（政协名单）等列"]);
        }

        if (hasDelegation == hasSector)
        {
            return ([], [$"第1行须有“{Delegation}”列（人大代表名单）或“{Sector}”列（政协委员名单），二者只能有其一"]);
        }

        var body = hasDelegation ? ProposerBody.Deputy : ProposerBody.Member;
        var group = hasDelegation ? Column(Delegation) : Column(Sector);
        var rows = new List<ProposerDetails>();
        var problems = new List<string>();
        var seen = new Dictionary<(string, string?), int>();
        foreach (var row in table.Rows)
        {
            string? Cell(string column) => Column(column) is var i and >= 0 ? row.Cell(i).Trim() : null;
            var details = new ProposerDetails(Cell(Name) ?? string.Empty, body, Cell(Term), row.Cell(group).Trim(), Cell(Unit),
                Cell(Mobile), Cell(OfficePhone), Cell(Address), Cell(Email)).Normalized();
            if (details.WhyNot() is { } problem)
            {
                problems.Add($"第{row.Line}行：{problem}");
                continue;
            }

            if (seen.TryGetValue((details.Name, details.Term), out var earlier))
            {
                problems.Add($"第{row.Line}行：{details.Name}（{details.Term ?? "未填届别"}）与第{earlier}行重复");
                continue;
            }

            seen[(details.Name, details.Term)] = row.Line;
            rows.Add(details);
        }

        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add("名单中没有数据行");
        }

        return problems.Count > 0 ? ([], problems) : (rows, []);
    }
}
