using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Features.Letters;
using MudBlazor;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Organization;

namespace ProposalPortal.Features.Proposals.Detail;

/// <summary>
/// One item: everything about it, how its deadline was computed, what happened to it, and the steps the signed-in
/// person may take now. Each step opens a dialog that runs it against the version the user is looking at.
/// </summary>
public partial class ProposalDetail
{
    private bool _loaded;
    private Proposal? _proposal;
    private WorkflowContext? _context;
    private Names _names = new(new Dictionary<int, string>(), new Dictionary<int, string>());
    private IReadOnlyList<WorkflowStep> _steps = [];
    private DeadlineStatus? _deadlineStatus;
    private List<TimelineEntry> _timeline = [];
    private IReadOnlyList<JointItem> _joint = [];
    private bool _unlinking;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    private ProposalService Proposals { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private OrganizationService Organization { get; set; } = default!;

    [Inject]
    private WorkflowContextFactory Contexts { get; set; } = default!;

    [Inject]
    private PortalClock Clock { get; set; } = default!;

    [Inject]
    private IDialogService DialogService { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private JointHandlingService Joint { get; set; } = default!;

    [Inject]
    private ReplyLetterService Letters { get; set; } = default!;

    private IReadOnlyList<ReplyDocumentInfo> _letters = [];

    /// <summary>The steps offered as buttons: what the workflow allows, less updating commitments when there are none.</summary>
    private List<WorkflowStep> OfferedSteps => _steps
        .Where(s => s != WorkflowStep.UpdateCommitment || _proposal?.Commitments.Count > 0)
        .Where(s => s != WorkflowStep.AddAttachment) // offered in the attachments panel instead
        .ToList();

    [Inject]
    private ProposalPortal.Features.Proposals.Attachments.AttachmentStore Attachments { get; set; } = default!;

    [Inject]
    private Microsoft.Extensions.Options.IOptions<ProposalPortal.Features.Proposals.Attachments.AttachmentOptions> AttachmentLimits { get; set; } = default!;

    private string? _uploadError;
    private bool _uploading;

    /// <summary>Uploads the chosen file; a refusal (type, size, rights, a concurrent change) is shown beside the button.</summary>
    private async Task UploadAsync(Microsoft.AspNetCore.Components.Forms.InputFileChangeEventArgs e)
    {
        if (_proposal is null)
        {
            return;
        }

        _uploadError = null;
        var file = e.File;
        var limit = AttachmentLimits.Value.MaxBytes;
        if (file.Size > limit)
        {
            // Refused before a byte is sent: opening the stream would throw and the page would say nothing.
            _uploadError = $"文件过大：“{file.Name}”有{file.Size / 1024.0 / 1024.0:0.#}MB，超过了单个文件{limit / 1024 / 1024}MB的上限，请压缩或拆分后再上传。";
            return;
        }

        _uploading = true;
        try
        {
            // Today's rights, not those the page opened with: the account may have been deactivated or moved since.
            if (await CurrentActor.GetAsync() is not { } actor)
            {
                _uploadError = StepRunner.NoLongerAllowed;
                return;
            }

            // One byte over the limit lets the store see (and refuse) an oversized file instead of a stream exception.
            await using var stream = file.OpenReadStream(AttachmentLimits.Value.MaxBytes + 1);
            var result = await Attachments.AddAsync(_proposal.Id, _proposal.Version, actor, file.Name, file.Size, stream);
            if (!result.Succeeded)
            {
                _uploadError = result.Error;
                return;
            }

            Snackbar.Add($"已上传附件 {file.Name}", Severity.Success);
            await LoadAsync();
        }
        catch (IOException)
        {
            // The browser stopped sending (the file changed, the connection dropped, or it grew past the limit).
            _uploadError = $"“{file.Name}”上传未完成,请重新选择文件";
        }
        finally
        {
            _uploading = false;
        }
    }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private IReadOnlyList<RelatedReply> _related = [];

    [Inject]
    private RelatedRepliesService Related { get; set; } = default!;

    [Inject]
    private Publication.EvaluationLinks EvaluationLinks { get; set; } = default!;

    private IReadOnlyList<Publication.EvaluationLink> _evaluationLinks = [];

    /// <summary>Loads the item for the signed-in person; null (and the refusal) when it is not theirs to see.</summary>
    private async Task<Proposal?> LoadAsync()
    {
        // Never kept between actions: each load and each action asks the database who the person is today.
        var actor = await CurrentActor.GetAsync();
        var proposal = actor is null ? null : await Proposals.FindAsync(Id, actor);
        var context = await Contexts.CreateAsync();
        if (proposal is not null && actor is not null)
        {
            _names = await Organization.NamesAsync();
            _steps = ProposalWorkflow.AvailableSteps(proposal, actor, context);
            _deadlineStatus = proposal.Deadline is { } deadline
                ? context.Deadlines.Classify(deadline, context.Today, proposal.IsDeadlineStepDone)
                : null;
            _timeline = Timeline(proposal);
            _joint = await Joint.OthersAsync(proposal);
            _letters = await Letters.VersionsAsync(proposal.Id, actor);
            // Earlier answers on the same topics, for whoever is writing or checking this one.
            _related = proposal.Role == HandlingRole.Lead && proposal.State is ProposalState.InProgress or ProposalState.Drafted
                or ProposalState.UnderReview or ProposalState.AwaitingSignOff
                ? await Related.ForAsync(proposal, actor)
                : [];
            // The Office prints or sends each proposer their own 征询意见 link; nobody else needs to see them.
            _evaluationLinks = actor.Has(StaffRoles.Office) && proposal.State is ProposalState.Replied or ProposalState.Evaluated
                ? await EvaluationLinks.ForProposalAsync(proposal)
                : [];
        }
        else
        {
            _evaluationLinks = [];
            _steps = [];
            _timeline = [];
            _joint = [];
            _letters = [];
        }

        _context = context;
        _proposal = proposal;
        _loaded = true;
        return proposal;
    }

    /// <summary>刷新 from inside a dialog: reloads the page behind it and hands the dialog the latest item.</summary>
    private async Task<Proposal?> RefreshFromDialogAsync()
    {
        var proposal = await LoadAsync();
        await InvokeAsync(StateHasChanged);
        return proposal;
    }

    private async Task OpenAsync(WorkflowStep step, int? commitmentId = null)
    {
        if (_proposal is null || _context is null)
        {
            return;
        }

        if (await CurrentActor.GetAsync() is null)
        {
            Snackbar.Add(StepRunner.NoLongerAllowed, Severity.Error);
            await LoadAsync();
            return;
        }

        // The runner asks who acts again for every action the dialog takes, however long it stays open.
        var runner = new StepRunner(Proposals, () => CurrentActor.GetAsync(), _proposal, RefreshFromDialogAsync);
        var parameters = new DialogParameters
        {
            { nameof(StepDialogBase.Runner), runner },
            { nameof(StepDialogBase.Step), step },
        };
        var type = await DialogFor(step, commitmentId, parameters);

        // Typed text must not vanish on a stray click or Esc: only 取消 and a successful step close the dialog.
        var options = new DialogOptions
        {
            MaxWidth = MaxWidth.Medium,
            FullWidth = true,
            BackdropClick = false,
            CloseOnEscapeKey = false,
        };
        var dialog = await DialogService.ShowAsync(type, step.ToChinese(), parameters, options);
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            Snackbar.Add($"已{step.ToChinese()}", Severity.Success);
            await LoadAsync();
            StateHasChanged();
        }
    }

    private async Task<Type> DialogFor(WorkflowStep step, int? commitmentId, DialogParameters parameters)
    {
        var p = _proposal!;
        switch (step)
        {
            case WorkflowStep.SetResponsibility:
                parameters.Add(nameof(ResponsibilityDialog.Sections), await Organization.SectionsAsync());
                parameters.Add(nameof(ResponsibilityDialog.Staff), await Organization.StaffAsync());
                return typeof(ResponsibilityDialog);

            case WorkflowStep.ExtendDeadline:
                parameters.Add(nameof(ExtensionDialog.Cap), _context!.Deadlines.ExtensionCap(p.AssignedOn));
                return typeof(ExtensionDialog);

            case WorkflowStep.LogCommunication:
                parameters.Add(nameof(CommunicationDialog.Today), _context!.Today);
                return typeof(CommunicationDialog);

            case WorkflowStep.SaveDraft:
                parameters.Add(nameof(DraftDialog.CategoryDEnabled), _context!.Options.CategoryDEnabled);
                parameters.Add(nameof(DraftDialog.JointItems), _joint);
                parameters.Add(nameof(DraftDialog.DefaultContactLines), await DefaultContactLinesAsync(p));
                parameters.Add(nameof(DraftDialog.DefaultCcList), p.Kind == ProposalKind.Proposal
                    ? "市人民政府办公室,市政协提案委员会"
                    : "市人民政府办公室,市人大常委会选举任免联络工作委员会");
                return typeof(DraftDialog);

            case WorkflowStep.RecordEvaluation:
                return typeof(EvaluationDialog);

            case WorkflowStep.Chase:
                parameters.Add(nameof(ChaseDialog.HandlerName), _names.Person(p.Responsibility?.HandlerId));
                parameters.Add(nameof(ChaseDialog.SectionName), p.Responsibility is { } r ? _names.Section(r.SectionId) : null);
                parameters.Add(nameof(ChaseDialog.Today), _context!.Today);
                return typeof(ChaseDialog);

            case WorkflowStep.JoinGroup:
                parameters.Add(nameof(JoinGroupDialog.Members), _joint);
                return typeof(JoinGroupDialog);

            case WorkflowStep.SendOpinion:
                return typeof(OpinionDialog);

            case WorkflowStep.AddCommitment:
            case WorkflowStep.UpdateCommitment:
                parameters.Add(nameof(CommitmentDialog.Sections), await Organization.SectionsAsync());
                parameters.Add(nameof(CommitmentDialog.CommitmentId), commitmentId);
                parameters.Add(nameof(CommitmentDialog.DefaultOwnerName), _names.Person(p.Responsibility?.HandlerId) is var name && name != "—" ? name : null);
                return typeof(CommitmentDialog);

            default:
                var (prompt, requirement, label, requiredError) = CommentDialog.Describe(step);
                parameters.Add(nameof(CommentDialog.Prompt), prompt);
                parameters.Add(nameof(CommentDialog.Requirement), requirement);
                parameters.Add(nameof(CommentDialog.CommentLabel), label);
                parameters.Add(nameof(CommentDialog.RequiredError), requiredError);
                return typeof(CommentDialog);
        }
    }

    /// <summary>取消并案: takes this item out of its group, after the Office confirms.</summary>
    private async Task UnlinkAsync()
    {
        if (_proposal is not { } p || _unlinking)
        {
            return;
        }

        var confirmed = await DialogService.ShowMessageBoxAsync("取消并案",
            $"将{p.Designation}移出并案组?本件的答复稿保持不变,此后不再与组内其他件共享。", yesText: "取消并案", cancelText: "返回");
        if (confirmed != true)
        {
            return;
        }

        _unlinking = true;
        try
        {
            var result = await CurrentActor.GetAsync() is { } actor
                ? await Joint.UnlinkAsync(p.Id, actor)
                : StepResult.Refused(StepRunner.NoLongerAllowed);
            if (result.Succeeded)
            {
                Snackbar.Add("已取消并案办理", Severity.Success);
            }
            else
            {
                Snackbar.Add(result.Error ?? "取消并案未成功", Severity.Error);
            }

            await LoadAsync();
        }
        finally
        {
            _unlinking = false;
        }
    }

    /// <summary>联系单位、联系人、联系电话 from the 五定: the section, the responsible leader and the handler.</summary>
    private async Task<string?> DefaultContactLinesAsync(Proposal p)
    {
        if (p.Responsibility is not { } r)
        {
            return null;
        }

        var handler = (await Organization.StaffAsync()).FirstOrDefault(s => s.Id == r.HandlerId);
        return $"联系单位:{_names.Section(r.SectionId)}\n" +
            $"联系人:{_names.Person(r.LeaderId)}(责任领导)、{_names.Person(r.HandlerId)}(承办人)\n" +
            $"联系电话:{handler?.Phone ?? string.Empty}";
    }

    /// <summary>The steps that move the item forward stand out; the others (延期、沟通、落实) are outlined.</summary>
    private static bool IsMainStep(WorkflowStep step) => step is WorkflowStep.Accept or WorkflowStep.StartHandling
        or WorkflowStep.SaveDraft or WorkflowStep.SubmitForReview or WorkflowStep.ApproveReview or WorkflowStep.SignOff
        or WorkflowStep.RecordEvaluation or WorkflowStep.ResumeHandling or WorkflowStep.Close or WorkflowStep.SendOpinion;

    // ---- the timeline ---------------------------------------------------------------------------------

    /// <summary>One line of the timeline: an audit entry, or a communication with the proposer.</summary>
    private sealed record TimelineEntry(DateTimeOffset At, long Order, string What, string Who, string When, string? FromTo,
        string? Comment, Communication? Communication, string? Action = null)
    {
        public bool IsChase => Action == nameof(WorkflowStep.Chase);
    }

    /// <summary>
    /// The audit trail and the communications, newest first. A communication's own audit line is left out: the
    /// communication shows the same contact with its details.
    /// </summary>
    private List<TimelineEntry> Timeline(Proposal p)
    {
        var audit = p.AuditTrail
            .Where(a => a.Action != AuditAction.LogCommunication)
            .Select(a => new TimelineEntry(a.At, a.Id, a.Action.ToChinese(), a.ActorName, LocalTime(a.At),
                FromTo(a), a.Comment, null, a.Action.ToString()));
        var communications = p.Communications
            .Select(c => new TimelineEntry(c.RecordedAt, c.Id, c.Stage.ToChinese(), _names.Person(c.RecordedById),
                LocalTime(c.RecordedAt), null, null, c));
        return audit.Concat(communications)
            .OrderByDescending(e => e.At)
            .ThenByDescending(e => e.Order)
            .ToList();
    }

    private static string? FromTo(AuditEntry a) => (a.FromState, a.ToState) switch
    {
        ({ } from, { } to) => $"{from.ToChinese()} → {to.ToChinese()}",
        (null, { } to) => $"→ {to.ToChinese()}",
        _ => null,
    };

    /// <summary>An instant as the bureau reads it: 2022年8月22日 09:30, in its own time zone.</summary>
    private string LocalTime(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Clock.Zone);
        return $"{ChineseDate.Format(DateOnly.FromDateTime(local.DateTime))} {local.ToString("HH:mm", CultureInfo.InvariantCulture)}";
    }

    // ---- the deadline ---------------------------------------------------------------------------------



    private static string DaysText(Proposal p, DeadlineStatus status)
    {
        if (status.Level == DeadlineLevel.Done)
        {
            return p.State == ProposalState.Returned ? "已退回"
                : p.RepliedOn is { } on ? $"已于{ChineseDate.Format(on)}{(p.Role == HandlingRole.Lead ? "答复" : "送出协办意见")}"
                : "已完成";
        }

        return status.DaysLeft switch
        {
            < 0 => $"已超期{-status.DaysLeft}天",
            0 => "今日到期",
            _ => $"剩余{status.DaysLeft}天",
        };
    }

    private static string FirstContactText(Proposal p, DateOnly due)
    {
        var first = p.Communications.Where(c => c.Stage == CommunicationStage.Before).OrderBy(c => c.Date).FirstOrDefault()
            ?? p.Communications.OrderBy(c => c.Date).FirstOrDefault();
        return first is not null
            ? $"(已于{ChineseDate.Format(first.Date)}联系{(first.Date > due ? ",晚于期限" : string.Empty)})"
            : "(尚未登记与提出人的沟通)";
    }

    private string EvaluationText(Evaluation e) =>
        $"第{e.Round}轮:" + (_proposal is { Proposers.Count: > 1 } p && p.Proposers.FirstOrDefault(x => x.Id == e.ProposerId) is { } who
            ? who.Name + " " : string.Empty) + e.Satisfaction.ToChinese() +
        RatingsText(e) +
        (e.Comment is { } comment ? $"({comment})" : string.Empty) +
        (e.EnteredByStaff ? ",办公室据书面意见录入" : ",提出人在线评价");

    private static string RatingsText(Evaluation e)
    {
        var parts = new[] { ("办理态度", e.Attitude), ("答复内容", e.Substance), ("落实情况", e.FollowThrough) }
            .Where(x => x.Item2 is not null).Select(x => $"{x.Item1}{x.Item2!.Value.ToChinese()}").ToList();
        return parts.Count == 0 ? string.Empty : $"[{string.Join(",", parts)}]";
    }
}
