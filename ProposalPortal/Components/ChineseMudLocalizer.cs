using Microsoft.Extensions.Localization;
using MudBlazor;

namespace ProposalPortal.Components;

/// <summary>
/// MudBlazor's own texts (grid pager, filters, dialogs, date pickers) in Chinese. MudBlazor asks this localizer for
/// each of its keys; a key not listed falls back to MudBlazor's English.
/// </summary>
internal sealed class ChineseMudLocalizer : MudLocalizer
{
    private static readonly Dictionary<string, string> Texts = new()
    {
        ["MudDataGrid_Contains"] = "包含",
        ["MudDataGrid_NotContains"] = "不包含",
        ["MudDataGrid_Equals"] = "等于",
        ["MudDataGrid_NotEquals"] = "不等于",
        ["MudDataGrid_StartsWith"] = "开头是",
        ["MudDataGrid_EndsWith"] = "结尾是",
        ["MudDataGrid_IsEmpty"] = "为空",
        ["MudDataGrid_IsNotEmpty"] = "不为空",
        ["MudDataGrid_Apply"] = "应用",
        ["MudDataGrid_Cancel"] = "取消",
        ["MudDataGrid_Clear"] = "清除",
        ["MudDataGrid_ClearFilter"] = "清除筛选",
        ["MudDataGrid_FilterValue"] = "筛选值",
        ["MudDataGrid_Filter"] = "筛选",
        ["MudDataGrid_Filters"] = "筛选条件",
        ["MudDataGrid_AddFilter"] = "添加筛选",
        ["MudDataGrid_Column"] = "列",
        ["MudDataGrid_Columns"] = "列",
        ["MudDataGrid_Operator"] = "条件",
        ["MudDataGrid_Value"] = "值",
        ["MudDataGrid_Sort"] = "排序",
        ["MudDataGrid_Unsort"] = "取消排序",
        ["MudDataGrid_Hide"] = "隐藏",
        ["MudDataGrid_HideAll"] = "全部隐藏",
        ["MudDataGrid_ShowAll"] = "全部显示",
        ["MudDataGrid_Group"] = "分组",
        ["MudDataGrid_Ungroup"] = "取消分组",
        ["MudDataGrid_Loading"] = "加载中……",
        ["MudDataGrid_Save"] = "保存",
        ["MudDataGrid_True"] = "是",
        ["MudDataGrid_False"] = "否",
        ["MudDataGrid_RefreshData"] = "刷新",
        ["MudDataGrid_MoveUp"] = "上移",
        ["MudDataGrid_MoveDown"] = "下移",
        ["MudDataGrid_ExpandAllGroups"] = "展开全部分组",
        ["MudDataGrid_CollapseAllGroups"] = "折叠全部分组",
        ["MudDataGrid_Is"] = "是",
        ["MudDataGrid_IsNot"] = "不是",
        ["MudDataGrid_IsAfter"] = "晚于",
        ["MudDataGrid_IsBefore"] = "早于",
        ["MudDataGrid_IsOnOrAfter"] = "不早于",
        ["MudDataGrid_IsOnOrBefore"] = "不晚于",
        ["MudDataGrid_GreaterThan"] = "大于",
        ["MudDataGrid_GreaterThanOrEqual"] = "大于等于",
        ["MudDataGrid_LessThan"] = "小于",
        ["MudDataGrid_LessThanOrEqual"] = "小于等于",
        ["MudDataGrid_NoRecords"] = "没有符合条件的记录",
        ["MudTablePager_RowsPerPage"] = "每页行数：",
        ["MudTablePager_InfoFormat"] = "第{first_item}-{last_item}条，共{all_items}条",
        ["MudDataGridPager_RowsPerPage"] = "每页行数：",
        ["MudDataGridPager_InfoFormat"] = "第{first_item}-{last_item}条，共{all_items}条",
        ["MudDataGridPager_FirstPage"] = "首页",
        ["MudDataGridPager_PreviousPage"] = "上一页",
        ["MudDataGridPager_NextPage"] = "下一页",
        ["MudDataGridPager_LastPage"] = "末页",
        ["MudTablePager_FirstPage"] = "首页",
        ["MudTablePager_PreviousPage"] = "上一页",
        ["MudTablePager_NextPage"] = "下一页",
        ["MudTablePager_LastPage"] = "末页",
        ["MudDialog_Close"] = "关闭",
        ["MudAlert_Close"] = "关闭",
        ["MudChip_Close"] = "关闭",
        ["MudSnackbar_Close"] = "关闭",
        ["MudPicker_Clear"] = "清除",
        ["MudInput_Clear"] = "清除",
        ["MudInput_Increment"] = "增加",
        ["MudInput_Decrement"] = "减少",
        ["MudBaseDatePicker_PrevMonth"] = "上个月",
        ["MudBaseDatePicker_NextMonth"] = "下个月",
        ["MudBaseDatePicker_PrevYear"] = "上一年",
        ["MudBaseDatePicker_NextYear"] = "下一年",
        ["MudBaseDatePicker_Open"] = "打开日期选择",
        ["MudNavGroup_ToggleExpand"] = "{0}（展开或收起）", // the visible title first: the accessible name must contain it (WCAG 2.5.3)
        ["MudStepper_Next"] = "下一步",
        ["MudStepper_Previous"] = "上一步",
        ["MudStepper_Complete"] = "完成",
        ["MudStepper_Reset"] = "重置",
        ["MudStepper_Skip"] = "跳过",
    };

    public override LocalizedString this[string key] =>
        Texts.TryGetValue(key, out var text) ? new LocalizedString(key, text) : new LocalizedString(key, key, resourceNotFound: true);

    // Some texts carry MudBlazor's own named placeholders ({first_item}); those are never run through string.Format.
    public override LocalizedString this[string key, params object[] arguments] =>
        !Texts.TryGetValue(key, out var text) ? new LocalizedString(key, key, resourceNotFound: true)
        : arguments.Length == 0 || text.Contains("{first_item}", StringComparison.Ordinal) ? new LocalizedString(key, text)
        : new LocalizedString(key, string.Format(System.Globalization.CultureInfo.CurrentCulture, text, arguments));
}
