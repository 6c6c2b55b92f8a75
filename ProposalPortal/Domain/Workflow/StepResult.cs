namespace ProposalPortal.Domain.Workflow;

/// <summary>
/// The outcome of a workflow step. A refusal carries the reason in Chinese, ready to show the user;
/// a refused step has changed nothing.
/// </summary>
public readonly record struct StepResult(string? Error)
{
    public static StepResult Ok => new(null);

    public bool Succeeded => Error is null;

    public static StepResult Refused(string reason) => new(reason);

    public override string ToString() => Error ?? "成功";
}
