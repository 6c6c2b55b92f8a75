using ProposalPortal.Domain.Deadlines;

namespace ProposalPortal.Domain.Workflow;

/// <summary>
/// What a step needs besides the item and the actor: the time (from the application's one clock, in the bureau's
/// time zone), the configured rules and the deadline calculator with the working-day calendar.
/// </summary>
public sealed record WorkflowContext(DateTimeOffset Now, DateOnly Today, WorkflowOptions Options, DeadlineCalculator Deadlines);
