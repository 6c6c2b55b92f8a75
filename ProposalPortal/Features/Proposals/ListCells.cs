using Microsoft.AspNetCore.Components;
using ProposalPortal.Components;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain;

namespace ProposalPortal.Features.Proposals;

/// <summary>
/// The item list's cells, each as one markup frame. MudDataGrid spends six render-tree frames on every cell of its
/// own; with seven columns and one frame of content each, a row stays within 64 frames, the renderer's smallest buffer
/// but one, instead of growing to 128 (BENCHMARKS.md, circuit memory). Everything from the database is encoded.
/// </summary>
public static class ListCells
{
    /// <summary>市政协十届一次会议第199号: the session names the source (人大/政协, 州/市).</summary>
    public static MarkupString Number(ProposalRow row) =>
        new($"<span>{Html.Encode(row.Session)}第{row.Number}号</span>");

    /// <summary>The title, linking to the item, and the 重点 chip for key items.</summary>
    public static MarkupString Title(ProposalRow row)
    {
        var link = $"<a class=\"mud-typography mud-link mud-primary-text mud-link-underline-hover mud-typography-body2\" href=\"/proposals/{row.Id}\" data-testid=\"proposal-title\">{Html.Encode(row.Title)}</a>";
        return new(row.IsKey
            ? link + " " + StaticChip.Markup("重点", MudBlazor.Color.Secondary, MudBlazor.Variant.Outlined, "data-key=\"true\"").Value
            : link);
    }

    /// <summary>能源科 · 主办: the section and whether it leads or assists; — before the 五定.</summary>
    public static MarkupString Section(string sectionName, HandlingRole role) =>
        new($"<span data-testid=\"proposal-section\">{Html.Encode(sectionName)}</span><span class=\"mud-text-secondary\" data-testid=\"proposal-role\"> · {role.ToChinese()}</span>");

    /// <summary>2022年8月22日, on one line.</summary>
    public static MarkupString Date(DateOnly date) => new($"<span class=\"text-nowrap\">{ChineseDate.Format(date)}</span>");

    /// <summary>The deadline and its chip (余3天, 超期5天, 已完成); — when there is none yet.</summary>
    public static MarkupString Deadline(DateOnly? deadline, DeadlineStatus? status) => deadline is { } due
        ? new($"<span class=\"text-nowrap\">{ChineseDate.Format(due)}</span>{(status is { } s ? DeadlineDisplay.Chip(s).Value : string.Empty)}")
        : new("<span>—</span>");
}
