using MudBlazor;
using ProposalPortal.Domain.Deadlines;

namespace ProposalPortal.Features.Proposals;

/// <summary>How a deadline looks in the lists: red when overdue, orange when due soon, grey when its step is done.</summary>
public static class DeadlineDisplay
{
    public static string Text(DeadlineStatus status) => status switch
    {
        { Level: DeadlineLevel.Done } => "已完成",
        { Level: DeadlineLevel.Overdue } => $"超期{-status.DaysLeft}天",
        { DaysLeft: 0 } => "今日到期",
        _ => $"剩{status.DaysLeft}天",
    };

    public static Color Color(DeadlineStatus status) => status.Level switch
    {
        DeadlineLevel.Overdue => MudBlazor.Color.Error,
        DeadlineLevel.Urgent or DeadlineLevel.DueSoon => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Default,
    };

    public static Variant Variant(DeadlineStatus status) =>
        status.Level is DeadlineLevel.Normal or DeadlineLevel.DueSoon ? MudBlazor.Variant.Outlined : MudBlazor.Variant.Filled;

    /// <summary>A stable name for the level (data-deadline attribute), for tests and styling.</summary>
    public static string Key(DeadlineStatus status) => status.Level switch
    {
        DeadlineLevel.Overdue => "overdue",
        DeadlineLevel.Urgent => "urgent",
        DeadlineLevel.DueSoon => "due-soon",
        DeadlineLevel.Done => "done",
        _ => "normal",
    };
}
