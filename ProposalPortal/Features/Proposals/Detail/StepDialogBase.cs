using Microsoft.AspNetCore.Components;
using MudBlazor;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.Detail;

/// <summary>
/// The behaviour every step dialog shares: validate the form, run the step on the version the user loaded, and
/// on a refusal show the reason while keeping the dialog open with everything the user typed. When the refusal is
/// because someone else changed the item, 刷新 reloads the item behind the dialog and keeps the typed text.
/// </summary>
public abstract class StepDialogBase : ComponentBase
{
    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public StepRunner Runner { get; set; } = default!;

    [Parameter, EditorRequired]
    public WorkflowStep Step { get; set; }

    /// <summary>The form of the dialog's fields; validated before the step runs. Null when there is nothing to fill in.</summary>
    protected MudForm? Form { get; set; }

    protected Proposal Proposal => Runner.Proposal;

    /// <summary>The reason the last submission was refused, in Chinese.</summary>
    internal string? Error { get; private set; }

    /// <summary>Whether the refusal came from someone else's change: 刷新 is offered.</summary>
    internal bool Stale { get; private set; }

    internal string? Notice { get; private set; }

    internal bool Busy { get; private set; }

    /// <summary>The confirm button's text: the step's name unless a dialog says otherwise.</summary>
    internal virtual string SubmitText => Step.ToChinese();

    internal string Title => $"{Step.ToChinese()} · {Proposal.Designation}";

    /// <summary>Runs the step with the values of the form.</summary>
    protected abstract Task<Result> RunAsync();

    internal async Task SubmitAsync()
    {
        if (Busy)
        {
            return;
        }

        if (Form is not null)
        {
            await Form.ValidateAsync();
            if (!Form.IsValid)
            {
                return;
            }
        }

        Busy = true;
        Notice = null;
        try
        {
            var result = await RunAsync();
            if (result.IsOk)
            {
                MudDialog.Close(DialogResult.Ok(Step));
                return;
            }

            Error = result.Error;
            Stale = await Runner.IsStaleAsync();
        }
        finally
        {
            Busy = false;
        }
    }

    internal async Task RefreshAsync()
    {
        Busy = true;
        try
        {
            await Runner.RefreshAsync();
            Error = null;
            Stale = false;
            Notice = "已刷新为最新情况，您填写的内容仍保留，请核对后再提交。";
            await OnRefreshedAsync();
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Lets a dialog pick up new choices after 刷新 without touching what the user typed.</summary>
    protected virtual Task OnRefreshedAsync() => Task.CompletedTask;

    internal void Cancel() => MudDialog.Cancel();

    /// <summary>A Chinese "please fill in" validation for optional-typed fields that the step requires.</summary>
    protected static Func<string?, string?> RequiredText(string message) =>
        value => string.IsNullOrWhiteSpace(value) ? message : null;
}
