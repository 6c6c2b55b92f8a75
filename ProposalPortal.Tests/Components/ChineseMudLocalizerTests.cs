using MudBlazor;
using ProposalPortal.Components;

namespace ProposalPortal.Tests.Components;

public sealed class ChineseMudLocalizerTests
{
    private readonly MudLocalizer _localizer = new ChineseMudLocalizer();

    [Fact]
    public void GridTextsAreChineseAndPlaceholdersSurviveFormatting()
    {
        Assert.Equal("每页行数：", _localizer["MudDataGridPager_RowsPerPage"].Value);
        Assert.Equal("第{first_item}-{last_item}条，共{all_items}条", _localizer["MudDataGridPager_InfoFormat", 1, 2, 3].Value);
        Assert.Equal("没有符合条件的记录", _localizer["MudDataGrid_NoRecords", Array.Empty<object>()].Value);
    }

    [Fact]
    public void AnUnknownKeyFallsBackSoMudBlazorUsesItsOwnText()
    {
        Assert.True(_localizer["MudSomething_Unknown"].ResourceNotFound);
    }
}
