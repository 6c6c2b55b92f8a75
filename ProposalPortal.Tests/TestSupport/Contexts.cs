using ProposalPortal.Data.Seed;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>Workflow contexts at a given day, with the default rules and the shipped holiday calendar.</summary>
public static class Contexts
{
    public static readonly WorkingDayCalendar Calendar = new(ShippedHolidays.Load());

    public static WorkflowContext At(DateOnly day, WorkflowOptions? options = null, DeadlineOptions? deadlines = null) =>
        new(new DateTimeOffset(day.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero), day, options ?? new WorkflowOptions(),
            new DeadlineCalculator(deadlines ?? new DeadlineOptions(), Calendar));
}
