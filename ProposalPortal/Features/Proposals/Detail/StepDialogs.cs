using MudBlazor;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Organization;

namespace ProposalPortal.Features.Proposals.Detail;

/// <summary>
/// Which dialog each step opens, and what it is given beyond the runner and the step: one table. A step not in the
/// table asks for a comment (<see cref="CommentDialog"/>), worded for that step.
/// </summary>
internal static class StepDialogs
{
    /// <summary>
    /// What the parameters are made from: the page as loaded, look-ups for pickers, the commitment chosen, and the
    /// office that assigns items (Portal:AssigningOffice).
    /// </summary>
    internal sealed record Setup(ProposalPage Page, OrganizationService Organization, int? CommitmentId, string AssigningOffice);

    private sealed record Entry(Type Dialog, Func<Setup, DialogParameters, Task> AddParameters);

    private static readonly Entry Commitment = new(typeof(CommitmentDialog), async (s, ps) =>
    {
        ps.Add(nameof(CommitmentDialog.Sections), await s.Organization.SectionsAsync());
        ps.Add(nameof(CommitmentDialog.CommitmentId), s.CommitmentId);
        ps.Add(nameof(CommitmentDialog.DefaultOwnerName),
            s.Page.Names.Person(s.Page.Proposal.Responsibility?.HandlerId) is var name && name != "—" ? name : null);
    });

    private static readonly Dictionary<WorkflowStep, Entry> Table = new()
    {
        [WorkflowStep.SetResponsibility] = new(typeof(ResponsibilityDialog), async (s, ps) =>
        {
            ps.Add(nameof(ResponsibilityDialog.Sections), await s.Organization.SectionsAsync());
            ps.Add(nameof(ResponsibilityDialog.Staff), await s.Organization.StaffAsync());
        }),
        [WorkflowStep.ExtendDeadline] = Sync(typeof(ExtensionDialog), (s, ps) =>
            ps.Add(nameof(ExtensionDialog.Cap), s.Page.Context.Deadlines.ExtensionCap(s.Page.Proposal.AssignedOn))),
        [WorkflowStep.LogCommunication] = Sync(typeof(CommunicationDialog), (s, ps) =>
            ps.Add(nameof(CommunicationDialog.Today), s.Page.Today)),
        [WorkflowStep.SaveDraft] = new(typeof(DraftDialog), async (s, ps) =>
        {
            ps.Add(nameof(DraftDialog.CategoryDEnabled), s.Page.Context.Options.CategoryDEnabled);
            ps.Add(nameof(DraftDialog.JointItems), s.Page.Joint);
            ps.Add(nameof(DraftDialog.DefaultContactLines), await DefaultContactLinesAsync(s));
            ps.Add(nameof(DraftDialog.DefaultCcList), s.Page.Proposal.Kind == ProposalKind.Proposal
                ? "市人民政府办公室，市政协提案委员会"
                : "市人民政府办公室，市人大常委会选举任免联络工作委员会");
        }),
        [WorkflowStep.RecordEvaluation] = Sync(typeof(EvaluationDialog), (_, _) => { }),
        [WorkflowStep.Chase] = Sync(typeof(ChaseDialog), (s, ps) =>
        {
            var (p, names) = (s.Page.Proposal, s.Page.Names);
            ps.Add(nameof(ChaseDialog.HandlerName), names.Person(p.Responsibility?.HandlerId));
            ps.Add(nameof(ChaseDialog.SectionName), p.Responsibility is { } r ? names.Section(r.SectionId) : null);
            ps.Add(nameof(ChaseDialog.Today), s.Page.Today);
        }),
        [WorkflowStep.JoinGroup] = Sync(typeof(JoinGroupDialog), (s, ps) => ps.Add(nameof(JoinGroupDialog.Members), s.Page.Joint)),
        [WorkflowStep.SendOpinion] = Sync(typeof(OpinionDialog), (_, _) => { }),
        // 办结 is asked as the item stands: 未反馈, or still 不满意 with the Office's explanation required.
        [WorkflowStep.Close] = Sync(typeof(CommentDialog), (s, ps) =>
        {
            var (prompt, requirement, label, requiredError) = CommentDialog.DescribeClose(s.Page.Proposal, s.Page.Context.Options.SatisfactionRule);
            ps.Add(nameof(CommentDialog.Prompt), prompt);
            ps.Add(nameof(CommentDialog.Requirement), requirement);
            ps.Add(nameof(CommentDialog.CommentLabel), label);
            ps.Add(nameof(CommentDialog.RequiredError), requiredError);
        }),
        [WorkflowStep.CorrectRegistration] = Sync(typeof(CorrectionDialog), (_, _) => { }),
        [WorkflowStep.AddCommitment] = Commitment,
        [WorkflowStep.UpdateCommitment] = Commitment,
    };

    /// <summary>Adds the step's own parameters to <paramref name="parameters"/> and returns the dialog to show.</summary>
    public static async Task<Type> PrepareAsync(WorkflowStep step, Setup setup, DialogParameters parameters)
    {
        if (Table.TryGetValue(step, out var entry))
        {
            await entry.AddParameters(setup, parameters);
            return entry.Dialog;
        }

        var (prompt, requirement, label, requiredError) = CommentDialog.Describe(step, setup.AssigningOffice);
        parameters.Add(nameof(CommentDialog.Prompt), prompt);
        parameters.Add(nameof(CommentDialog.Requirement), requirement);
        parameters.Add(nameof(CommentDialog.CommentLabel), label);
        parameters.Add(nameof(CommentDialog.RequiredError), requiredError);
        return typeof(CommentDialog);
    }

    private static Entry Sync(Type dialog, Action<Setup, DialogParameters> add) =>
        new(dialog, (s, ps) => { add(s, ps); return Task.CompletedTask; });

    /// <summary>联系单位、联系人、联系电话 from the 五定: the section, the responsible leader and the handler.</summary>
    private static async Task<string?> DefaultContactLinesAsync(Setup s)
    {
        if (s.Page.Proposal.Responsibility is not { } r)
        {
            return null;
        }

        var names = s.Page.Names;
        var handler = (await s.Organization.StaffAsync()).FirstOrDefault(m => m.Id == r.HandlerId);
        return $"联系单位：{names.Section(r.SectionId)}\n" +
            $"联系人：{names.Person(r.LeaderId)}（责任领导）、{names.Person(r.HandlerId)}（承办人）\n" +
            $"联系电话：{handler?.Phone ?? string.Empty}";
    }
}
