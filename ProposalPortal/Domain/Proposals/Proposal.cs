using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Domain.Proposals;

/// <summary>What the Office registers: the item as the assignment list (交办清单) gives it.</summary>
public sealed record ProposalRegistration(
    int Year,
    ProposalKind Kind,
    Level Level,
    string Session,
    int Number,
    string Title,
    string? Content,
    IReadOnlyList<Proposer> Proposers,
    IReadOnlyList<string> Topics,
    DateOnly AssignedOn,
    HandlingRole Role,
    string? LeadUnit = null,
    string? CoUnits = null,
    bool IsKey = false,
    string? KeyDesignation = null,
    DateOnly? BatchFixedDeadline = null,
    DateOnly? ExplicitDeadline = null);

/// <summary>
/// 件: one suggestion or proposal assigned to the bureau, with everything that happens to it.
/// Every change goes through a step method that asks <see cref="ProposalWorkflow"/> first, changes nothing when
/// refused, and writes the audit trail when done.
/// </summary>
public sealed partial class Proposal
{
    private readonly List<Proposer> _proposers = [];
    private readonly List<ProposalTopic> _topics = [];
    private readonly List<Communication> _communications = [];
    private readonly List<Reply> _replies = [];
    private readonly List<Commitment> _commitments = [];
    private readonly List<Evaluation> _evaluations = [];
    private readonly List<DeadlineExtension> _extensions = [];
    private readonly List<AuditEntry> _auditTrail = [];
    private readonly List<ProposalEvent> _events = [];
    private readonly List<Attachment> _attachments = [];
    private readonly List<ChaseRecord> _chases = [];

    private Proposal()
    {
        Session = string.Empty;
        Title = string.Empty;
    }

    public int Id { get; private set; }
    public int Year { get; private set; }
    public ProposalKind Kind { get; private set; }
    public Level Level { get; private set; }

    /// <summary>届次, e.g. 市政协十届一次会议; numbers are unique within it.</summary>
    public string Session { get; private set; }
    public int Number { get; private set; }
    public string Title { get; private set; }
    public string? Content { get; private set; }
    public DateOnly AssignedOn { get; private set; }
    public HandlingRole Role { get; private set; }

    /// <summary>主办单位, for assisting items: where our opinion goes.</summary>
    public string? LeadUnit { get; private set; }

    /// <summary>协办单位, the other departments involved.</summary>
    public string? CoUnits { get; private set; }
    public bool IsKey { get; private set; }

    /// <summary>The document that designated it key, e.g. 市协发〔2022〕4号.</summary>
    public string? KeyDesignation { get; private set; }

    public ProposalState State { get; private set; }
    public Responsibility? Responsibility { get; private set; }

    /// <summary>The deadline of the step now due: the reply (主办), the opinion (协办), or re-handling.</summary>
    public DateOnly? Deadline { get; private set; }
    public DeadlineRule? DeadlineRule { get; private set; }

    /// <summary>How the deadline was computed, in Chinese, for the item page.</summary>
    public string? DeadlineExplanation { get; private set; }

    /// <summary>The first-round deadline, kept when re-handling sets a new one.</summary>
    public DateOnly? OriginalDeadline { get; private set; }
    public DateOnly? ReturnWindowEndsOn { get; private set; }
    public DateOnly? FirstContactDueOn { get; private set; }
    public string? ReturnReason { get; private set; }
    public DateOnly? RepliedOn { get; private set; }
    public DateOnly? ClosedOn { get; private set; }

    /// <summary>0 for the first handling; 1 after one 不满意.</summary>
    public int ReopenRound { get; private set; }

    /// <summary>Communications logged since this moment count for the current round's 先沟通后答复.</summary>
    public DateTimeOffset CurrentRoundStartedAt { get; private set; }

    /// <summary>Who the item waits for (<see cref="Workflow.WaitingFor"/>), set by every step: 我的待办 reads it.</summary>
    public WaitingRole WaitingForRole { get; private set; }

    /// <summary>The section whose staff or deputy the item waits for; null when it waits for the Office or a signer.</summary>
    public int? WaitingForSectionId { get; private set; }

    /// <summary>Who the item waits for now.</summary>
    public WaitingFor WaitingFor => new(WaitingForRole, WaitingForSectionId);

    /// <summary>Where the deadline stands (<see cref="Deadlines.DeadlineStanding"/>), set by every step: 我的待办 orders by it.</summary>
    public DeadlineStanding DeadlineStanding { get; private set; }

    /// <summary>Optimistic concurrency: bumped by every change, checked on save.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<Proposer> Proposers => _proposers;
    public IReadOnlyList<ProposalTopic> Topics => _topics;
    public IReadOnlyList<Communication> Communications => _communications;
    public IReadOnlyList<Reply> Replies => _replies;
    public IReadOnlyList<Commitment> Commitments => _commitments;
    public IReadOnlyList<Evaluation> Evaluations => _evaluations;
    public IReadOnlyList<DeadlineExtension> Extensions => _extensions;
    public IReadOnlyList<AuditEntry> AuditTrail => _auditTrail;

    /// <summary>What happened since the item was loaded and not yet published; not stored.</summary>
    public IReadOnlyList<ProposalEvent> DomainEvents => _events;

    /// <summary>Forgets the events once they have been handed on for publication.</summary>
    public void ClearDomainEvents() => _events.Clear();
    public IReadOnlyList<Attachment> Attachments => _attachments;
    public IReadOnlyList<ChaseRecord> Chases => _chases;

    /// <summary>
    /// 并案办理: items handled together share this key (the id of the first item of the group). They share research
    /// and a draft, but each keeps its own number, deadline, letter and evaluation.
    /// </summary>
    public int? JointGroupId { get; private set; }

    public Proposer LeadProposer => _proposers.OrderBy(p => p.Order).First();

    /// <summary>The reply of the current round (or the opinion, for assisting items).</summary>
    public Reply? CurrentReply => _replies.Where(r => r.Round == ReopenRound + 1).OrderBy(r => r.Id).LastOrDefault();

    public Evaluation? FirstEvaluation => _evaluations.Where(e => e.Round == 1).OrderBy(e => e.RecordedAt).LastOrDefault();

    public Evaluation? FinalEvaluation => _evaluations.OrderBy(e => e.Round).ThenBy(e => e.RecordedAt).LastOrDefault();

    public bool HasFaceToFaceCommunication => _communications.Any(c => c.IsFaceToFace);

    /// <summary>The source as the lists name it: 州人大, 州政协, 市人大, 市政协.</summary>
    public string SourceName => Labels.SourceName(Level, Kind);

    /// <summary>e.g. 市政协十届一次会议第199号提案.</summary>
    public string Designation => DesignationOf(Session, Number, Kind);

    /// <summary>市政协十届一次会议第199号提案: how an item is named, also for lists that read only these columns.</summary>
    public static string DesignationOf(string session, int number, ProposalKind kind) => $"{session}第{number}号{kind.ShortName()}";

    /// <summary>Whether the step the deadline is for has been done (reply issued, opinion sent, closed).</summary>
    public bool IsDeadlineStepDone => IsDeadlineStepDoneIn(State);

    /// <summary>Whether an item in <paramref name="state"/> has done the step its deadline is for.</summary>
    public static bool IsDeadlineStepDoneIn(ProposalState state) => state is ProposalState.Replied or ProposalState.Evaluated
        or ProposalState.OpinionSent or ProposalState.Closed or ProposalState.Returned;

    /// <summary>Where a deadline of an item in <paramref name="state"/> stands. The migration "MyWorkPages" fills existing rows with the same rule in SQL.</summary>
    public static DeadlineStanding DeadlineStandingOf(DateOnly? deadline, ProposalState state) =>
        deadline is null ? DeadlineStanding.None
        : IsDeadlineStepDoneIn(state) ? DeadlineStanding.Done
        : DeadlineStanding.Running;

    /// <summary>Registers an item from the assignment list; computes its deadlines from the rules.</summary>
    public static Proposal Register(ProposalRegistration r, Workflow.Actor registeredBy, WorkflowContext context)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(r.Title);
        ArgumentException.ThrowIfNullOrWhiteSpace(r.Session);
        if (r.Proposers.Count == 0)
        {
            throw new ArgumentException("至少须有一名提出人", nameof(r));
        }

        var p = new Proposal
        {
            Year = r.Year,
            Kind = r.Kind,
            Level = r.Level,
            Session = r.Session.Trim(),
            Number = r.Number,
            Title = r.Title.Trim(),
            Content = r.Content?.Trim(),
            AssignedOn = r.AssignedOn,
            Role = r.Role,
            LeadUnit = r.LeadUnit?.Trim(),
            CoUnits = r.CoUnits?.Trim(),
            IsKey = r.IsKey,
            KeyDesignation = r.KeyDesignation,
            State = ProposalState.Registered,
            CurrentRoundStartedAt = DateTimeOffset.MinValue,
        };
        for (var i = 0; i < r.Proposers.Count; i++)
        {
            r.Proposers[i].Order = i;
            p._proposers.Add(r.Proposers[i]);
        }

        p._topics.AddRange(r.Topics.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct().Select(t => new ProposalTopic(t)));

        var deadline = context.Deadlines.ReplyDeadline(r.Role, r.AssignedOn, r.BatchFixedDeadline, r.ExplicitDeadline);
        p.SetDeadline(deadline);
        p.OriginalDeadline = deadline.Date;
        p.ReturnWindowEndsOn = context.Deadlines.ReturnWindowEnd(r.AssignedOn).Date;
        p.FirstContactDueOn = context.Deadlines.FirstContactDue(r.AssignedOn).Date;
        p.Record(registeredBy, AuditAction.Register, null, ProposalState.Registered, $"交办日期{ChineseDate.Format(r.AssignedOn)}", context);
        return p;
    }

    // ---- Registration and assignment (办公室) -------------------------------------------------------

    /// <summary>签收.</summary>
    public Result Accept(Actor actor, WorkflowContext context) =>
        Transition(WorkflowStep.Accept, actor, context, ProposalState.Accepted, null);

    /// <summary>申请退回, only within the return window; the reason is required.</summary>
    public Result RequestReturn(Actor actor, string reason, WorkflowContext context)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refuse(WorkflowStep.RequestReturn, actor, context) ?? Result.Refused("申请退回须填写理由");
        }

        return Transition(WorkflowStep.RequestReturn, actor, context, ProposalState.ReturnRequested, reason,
            () => ReturnReason = reason.Trim());
    }

    /// <summary>The city government agreed: the item leaves the bureau.</summary>
    public Result ApproveReturn(Actor actor, string? comment, WorkflowContext context) =>
        Transition(WorkflowStep.ApproveReturn, actor, context, ProposalState.Returned, comment);

    /// <summary>The return was not agreed: back to 已签收.</summary>
    public Result RejectReturn(Actor actor, string? comment, WorkflowContext context) =>
        Transition(WorkflowStep.RejectReturn, actor, context, ProposalState.Accepted, comment);

    /// <summary>落实五定: leader, section, handler (the deadline is the item's), quality note.</summary>
    public Result SetResponsibility(Actor actor, Organization.StaffMember leader, Organization.Section section,
        Organization.StaffMember handler, string? qualityNote, WorkflowContext context)
    {
        if (Refuse(WorkflowStep.SetResponsibility, actor, context) is { } refused)
        {
            return refused;
        }

        if (!leader.IsLeader)
        {
            return Result.Refused($"{leader.Name}不是局领导，不能作为责任领导");
        }

        if (handler.SectionId != section.Id)
        {
            return Result.Refused($"承办人{handler.Name}不属于{section.Name}");
        }

        return Change(WorkflowStep.SetResponsibility, actor, context,
            $"责任领导{leader.Name}，承办科室{section.Name}，承办人{handler.Name}",
            () => Responsibility = new Responsibility(leader.Id, section.Id, handler.Id,
                string.IsNullOrWhiteSpace(qualityNote) ? null : qualityNote.Trim()));
    }

    /// <summary>
    /// Accepted → InProgress once the whole 五定 is set. Every step that leaves an accepted item with its 五定 complete
    /// takes this step by itself (<see cref="StartWhenReady"/>); by hand it serves items accepted before that.
    /// </summary>
    public Result StartHandling(Actor actor, WorkflowContext context) =>
        Transition(WorkflowStep.StartHandling, actor, context, ProposalState.InProgress, null);

    /// <summary>延期, on approval, to at most the cap after assignment; the reason is recorded.</summary>
    public Result ExtendDeadline(Actor actor, DateOnly newDeadline, string reason, WorkflowContext context)
    {
        if (Refuse(WorkflowStep.ExtendDeadline, actor, context) is { } refused)
        {
            return refused;
        }

        var current = Deadline ?? AssignedOn;
        var check = context.Deadlines.CheckExtension(AssignedOn, current, newDeadline, reason);
        if (check.Error is not null)
        {
            return Result.Refused(check.Error);
        }

        return Change(WorkflowStep.ExtendDeadline, actor, context,
            $"{ChineseDate.Format(current)}延期至{ChineseDate.Format(newDeadline)}：{reason.Trim()}", () =>
            {
                _extensions.Add(new DeadlineExtension(current, newDeadline, reason, actor.StaffId, context.Now));
                SetDeadline(check.Deadline!);
            });
    }

    // ---- Handling (科室) ---------------------------------------------------------------------------

    /// <summary>Logs a contact with the proposer (办前联系、办中协商、办后回访).</summary>
    public Result LogCommunication(Actor actor, CommunicationStage stage, CommunicationMethod method, DateOnly date,
        string participants, string summary, WorkflowContext context)
    {
        if (Refuse(WorkflowStep.LogCommunication, actor, context) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(summary))
        {
            return Result.Refused("请填写沟通情况");
        }

        if (date > context.Today)
        {
            return Result.Refused("沟通日期不能晚于今天");
        }

        if (date < AssignedOn)
        {
            return Result.Refused($"沟通日期不能早于交办日期（{ChineseDate.Format(AssignedOn)}）");
        }

        return Change(WorkflowStep.LogCommunication, actor, context,
            $"{stage.ToChinese()}（{method.ToChinese()}，{ChineseDate.Format(date)}）",
            () => _communications.Add(new Communication(stage, method, date, participants ?? string.Empty, summary,
                actor.StaffId, context.Now)));
    }

    /// <summary>Writes or revises the reply draft; the first save moves InProgress → Drafted.</summary>
    /// <param name="wordFile">The .docx the body was read from, when it came from Word; kept with the version.</param>
    public Result SaveDraft(Actor actor, ReplyDraft draft, WorkflowContext context, string? wordFile = null)
    {
        if (Refuse(WorkflowStep.SaveDraft, actor, context) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(draft.Body))
        {
            return Result.Refused("答复正文不能为空");
        }

        if (draft.Category == ResultCategory.D && !context.Options.CategoryDEnabled)
        {
            return Result.Refused("本地未启用D类（留作参考），请选择A、B或C类");
        }

        var from = State;
        void Apply()
        {
            if (CurrentReply is { IsSigned: false } reply)
            {
                reply.Apply(draft, actor.StaffId, context.Now, wordFile);
            }
            else
            {
                _replies.Add(new Reply(ReplyKind.Letter, ReopenRound + 1, draft, actor.StaffId, context.Now, wordFile));
            }

            State = ProposalState.Drafted;
        }

        return from == ProposalState.InProgress
            ? Transition(WorkflowStep.SaveDraft, actor, context, ProposalState.Drafted, null, Apply)
            : Change(WorkflowStep.SaveDraft, actor, context, "修改答复稿", Apply);
    }

    /// <summary>Drafted → UnderReview, after talking with the proposer (先沟通后答复).</summary>
    public Result SubmitForReview(Actor actor, WorkflowContext context) =>
        Transition(WorkflowStep.SubmitForReview, actor, context, ProposalState.UnderReview, null);

    /// <summary>The deputy in charge approves: UnderReview → AwaitingSignOff.</summary>
    public Result ApproveReview(Actor actor, string? comment, WorkflowContext context) =>
        Transition(WorkflowStep.ApproveReview, actor, context, ProposalState.AwaitingSignOff, comment,
            () => CurrentReply!.MarkReviewed(actor.StaffId, context.Now));

    /// <summary>The deputy sends it back to the section with a comment.</summary>
    public Result SendBackFromReview(Actor actor, string comment, WorkflowContext context) =>
        SendBack(WorkflowStep.SendBackFromReview, actor, comment, context);

    /// <summary>
    /// 签发: AwaitingSignOff → Replied. The document number comes from the application's per-year allocator;
    /// the signed PDF is made by the reply service around this step.
    /// </summary>
    public Result SignOff(Actor actor, DocumentNumber number, WorkflowContext context) =>
        Transition(WorkflowStep.SignOff, actor, context, ProposalState.Replied, number.ToString(), () =>
        {
            CurrentReply!.MarkSigned(actor.StaffId, number, context.Today, context.Now);
            RepliedOn = context.Today;
        });

    /// <summary>Action code of the audit entry written when a signed letter is issued and stored.</summary>
    public const AuditAction IssueLetterAction = AuditAction.IssueLetter;

    /// <summary>
    /// Writes the issue of a signed letter to the audit trail: its number, version and SHA-256, so that any copy can
    /// be checked against the trail. Called by the application in the same save as the sign-off.
    /// </summary>
    public void RecordLetterIssued(Actor actor, ReplyDocument document, WorkflowContext context) =>
        Record(actor, IssueLetterAction, null, null,
            $"{document.DocumentNumber ?? "协办意见"} 第{document.Version}版 SHA-256:{document.Sha256}", context);

    /// <summary>Action code of the audit entry written when a stored letter is signed again as a new version.</summary>
    public const AuditAction ReissueLetterAction = AuditAction.ReissueLetter;

    /// <summary>
    /// Writes to the audit trail that <paramref name="document"/> reissues version <paramref name="withdrawnVersion"/>,
    /// which is no longer handed out, and why; the number, the date and the text are those of the withdrawn version.
    /// The portal does it itself (at start-up), so the entry names no staff member.
    /// </summary>
    public void RecordLetterReissued(ReplyDocument document, int withdrawnVersion, string reason, WorkflowContext context) =>
        Record(new Actor(0, "系统", Organization.StaffRoles.None), ReissueLetterAction, null, null,
            $"{document.DocumentNumber} 第{withdrawnVersion}版{reason}，已停止提供；重新签章为第{document.Version}版（文号、日期和正文不变） SHA-256:{document.Sha256}",
            context);

    /// <summary>The director sends it back with a comment.</summary>
    public Result SendBackFromSignOff(Actor actor, string comment, WorkflowContext context) =>
        SendBack(WorkflowStep.SendBackFromSignOff, actor, comment, context);

    /// <summary>
    /// Records a proposer's verdict on the current reply: the proposer through their link, or the Office from a paper
    /// form (<paramref name="enteredByStaff"/>, with the scanned form). Each proposer has one answer per round, which
    /// they may change while the evaluation window is open. Any 不满意 reopens the item with a new deadline while rounds
    /// remain; the first-round result is kept either way.
    /// </summary>
    /// <param name="proposerId">Whose answer; null means the lead proposer.</param>
    public Result RecordEvaluation(Actor actor, Satisfaction satisfaction, string? comment, bool enteredByStaff,
        WorkflowContext context, int? proposerId = null, EvaluationRatings? ratings = null, int? formAttachmentId = null)
    {
        if (Refuse(WorkflowStep.RecordEvaluation, actor, context) is { } refused)
        {
            return refused;
        }

        var proposer = proposerId is { } id ? _proposers.FirstOrDefault(p => p.Id == id) : LeadProposer;
        if (proposer is null)
        {
            return Result.Refused("该提出人不属于本件");
        }

        if (actor.ProposerId is { } self && self != proposer.Id)
        {
            return Result.Refused("只能提交本人的评价");
        }

        if (formAttachmentId is { } formId && _attachments.All(a => a.Id != formId))
        {
            return Result.Refused("找不到所选的征询意见表扫描件");
        }

        var round = ReopenRound + 1;
        var existing = _evaluations.FirstOrDefault(e => e.Round == round && AnswererOf(e) == proposer.Id);
        // The item's result of the round by the configured rule, once the answers that decide it are in: any 不满意 at
        // once (the default), the lead proposer's answer, or every proposer's for a majority.
        var answers = _evaluations.Where(e => e.Round == round && e != existing)
            .Select(e => (AnswererOf(e) == LeadProposer.Id, e.Satisfaction))
            .Append((proposer.Id == LeadProposer.Id, satisfaction)).ToList();
        var rule = context.Options.SatisfactionRule;
        var decided = rule != SatisfactionRule.Majority || answers.Count == _proposers.Count;
        var reopen = decided && ItemSatisfaction.Of(rule, answers) == Satisfaction.Unsatisfied
            && MayStillReopen(context.Options);
        var to = reopen ? ProposalState.Reopened : ProposalState.Evaluated;
        var note = (_proposers.Count > 1 ? proposer.Name + "：" : string.Empty)
            + (existing is null ? string.Empty : "修改评价为")
            + satisfaction.ToChinese() + (string.IsNullOrWhiteSpace(comment) ? string.Empty : "：" + comment.Trim())
            + (enteredByStaff ? "（办公室据书面征询意见表录入）" : string.Empty);
        return Transition(WorkflowStep.RecordEvaluation, actor, context, to, note, () =>
        {
            var recordedBy = actor.StaffId == 0 ? (int?)null : actor.StaffId;
            if (existing is null)
            {
                _evaluations.Add(new Evaluation(round, proposer.Id, satisfaction, comment, ratings ?? EvaluationRatings.None,
                    enteredByStaff, recordedBy, formAttachmentId, context.Now));
            }
            else
            {
                existing.Change(satisfaction, comment, ratings ?? EvaluationRatings.None, enteredByStaff, recordedBy,
                    formAttachmentId, context.Now);
            }

            if (reopen)
            {
                ReopenRound++;
                CurrentRoundStartedAt = context.Now;
                SetDeadline(context.Deadlines.RehandlingDeadline(context.Today));
            }
        });
    }

    /// <summary>
    /// Whether a 不满意 in the current round would send the item back for 重新办理: false once the configured rounds are
    /// used up, when a still 不满意 item is closed with the Office's explanation instead. The proposer's page says which.
    /// </summary>
    public bool MayStillReopen(WorkflowOptions options) => ReopenRound < options.MaxReopenRounds;

    /// <summary>Reopened → InProgress: re-handling starts under the new deadline.</summary>
    public Result ResumeHandling(Actor actor, WorkflowContext context) =>
        Transition(WorkflowStep.ResumeHandling, actor, context, ProposalState.InProgress, null);

    /// <summary>
    /// 办结. For lead items the result category and disclosure decision are those of the signed reply. A lead item closes
    /// once every proposer has answered or the evaluation window has ended (<see cref="ProposalWorkflow"/>); with no
    /// answer by then it closes as 未反馈; still 不满意 after the last round, only with the Office's explanation
    /// (<paramref name="comment"/>), which the item page shows as such (<see cref="ClosingNote"/>).
    /// </summary>
    public Result Close(Actor actor, string? comment, WorkflowContext context)
    {
        if (Refuse(WorkflowStep.Close, actor, context) is { } refused)
        {
            return refused;
        }

        var result = Role == HandlingRole.Lead ? ResultOfRound(ReopenRound + 1, context.Options.SatisfactionRule) : null;
        if (result == Satisfaction.Unsatisfied && string.IsNullOrWhiteSpace(comment))
        {
            return Result.Refused("提出人对答复仍不满意，办结须填写办公室的情况说明");
        }

        var note = Role == HandlingRole.Lead && !_evaluations.Any(e => e.Round == ReopenRound + 1)
            ? "征询意见期满，提出人未反馈" + (string.IsNullOrWhiteSpace(comment) ? string.Empty : "；" + comment.Trim())
            : comment?.Trim();
        return Transition(WorkflowStep.Close, actor, context, ProposalState.Closed, note, () => ClosedOn = context.Today);
    }

    /// <summary>
    /// The item's result of one round by <paramref name="rule"/> from its proposers' answers; null when the answers
    /// that decide it are not in (nobody answered, or the lead proposer has not under <see cref="SatisfactionRule.LeadProposer"/>).
    /// </summary>
    public Satisfaction? ResultOfRound(int round, SatisfactionRule rule) =>
        ItemSatisfaction.Of(rule, _evaluations.Where(e => e.Round == round)
            .Select(e => (AnswererOf(e) == LeadProposer.Id, e.Satisfaction)).ToList());

    /// <summary>The proposers who have not answered the current round's reply.</summary>
    /// <summary>
    /// Whether the 征询意见 window of the current reply has ended on <paramref name="today"/>: from then on the Office may
    /// close the item, as 未反馈 when nobody answered. False while no reply has been issued.
    /// </summary>
    public bool EvaluationWindowEnded(DeadlineCalculator deadlines, DateOnly today) =>
        EvaluationWindowEnded(CurrentReply?.IssuedOn, deadlines, today);

    /// <summary>The same rule over a projected issue date (我的待办 reads it without loading the item).</summary>
    public static bool EvaluationWindowEnded(DateOnly? issuedOn, DeadlineCalculator deadlines, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        return issuedOn is { } issued && today > deadlines.EvaluationWindowEnd(issued);
    }

    public IReadOnlyList<Proposer> NotYetAnswered() =>
        _proposers.Where(p => !_evaluations.Any(e => e.Round == ReopenRound + 1 && AnswererOf(e) == p.Id)).OrderBy(p => p.Order).ToList();

    /// <summary>How a closed lead item was closed; null while it is open, and for assisting items.</summary>
    public ClosureKind? ClosureIn(SatisfactionRule rule) =>
        State != ProposalState.Closed || Role != HandlingRole.Lead ? null
        : !_evaluations.Any(e => e.Round == ReopenRound + 1) ? ClosureKind.NoFeedback
        : ResultOfRound(ReopenRound + 1, rule) == Satisfaction.Unsatisfied ? ClosureKind.StillUnsatisfied
        : ClosureKind.Evaluated;

    /// <summary>What the Office wrote when closing the item (for a 不满意 item, its explanation); null when open.</summary>
    public string? ClosingNote => State != ProposalState.Closed ? null
        : _auditTrail.Where(a => a.Action == AuditAction.Close).OrderBy(a => a.At).LastOrDefault()?.Comment;

    // An answer recorded before evaluations were kept per proposer is the lead proposer's.
    private int AnswererOf(Evaluation e) => e.ProposerId ?? LeadProposer.Id;

    /// <summary>Assisting items: the opinion goes to the lead unit (InProgress → OpinionSent).</summary>
    public Result SendOpinion(Actor actor, string opinion, WorkflowContext context)
    {
        if (Refuse(WorkflowStep.SendOpinion, actor, context) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(opinion))
        {
            return Result.Refused("协办意见不能为空");
        }

        return Transition(WorkflowStep.SendOpinion, actor, context, ProposalState.OpinionSent, LeadUnit, () =>
        {
            var reply = new Reply(ReplyKind.Opinion, 1,
                new ReplyDraft(null, Disclosure.Withhold, "协办意见送主办单位，不单独公开", opinion, null, LeadUnit),
                actor.StaffId, context.Now);
            reply.MarkIssued(context.Today, context.Now);
            _replies.Add(reply);
            RepliedOn = context.Today;
        });
    }

    /// <summary>公开: publishes the signed reply when its disclosure decision allows.</summary>
    public Result Publish(Actor actor, WorkflowContext context) =>
        Change(WorkflowStep.Publish, actor, context, CurrentReply?.DocumentNumber,
            () => CurrentReply!.MarkPublished(context.Now));

    /// <summary>撤销公开: takes the published replies of this item off the public pages at once; the reason is recorded.</summary>
    public Result Unpublish(Actor actor, string reason, WorkflowContext context)
    {
        if (Refuse(WorkflowStep.Unpublish, actor, context) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Refused("撤销公开须填写理由");
        }

        var published = _replies.Where(r => r.IsPublished).ToList();
        var numbers = string.Join("、", published.Select(r => r.DocumentNumber));
        return Change(WorkflowStep.Unpublish, actor, context, $"{numbers}：{reason.Trim()}",
            () => published.ForEach(r => r.MarkUnpublished()));
    }

    // ---- 跟踪问效 -----------------------------------------------------------------------------------

    /// <summary>Adds a measure promised in the reply, with its due date.</summary>
    public Result AddCommitment(Actor actor, string description, int? ownerSectionId, string? ownerName, DateOnly dueOn,
        WorkflowContext context)
    {
        if (Refuse(WorkflowStep.AddCommitment, actor, context) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(description))
        {
            return Result.Refused("请填写落实事项");
        }

        return Change(WorkflowStep.AddCommitment, actor, context, $"{description.Trim()}（期限{ChineseDate.Format(dueOn)}）",
            () => _commitments.Add(new Commitment(description, ownerSectionId ?? Responsibility?.SectionId, ownerName, dueOn)));
    }

    /// <summary>Updates a commitment's status, progress and evidence.</summary>
    public Result UpdateCommitment(Actor actor, int commitmentId, CommitmentStatus status, string? progress,
        string? evidence, WorkflowContext context)
    {
        if (Refuse(WorkflowStep.UpdateCommitment, actor, context) is { } refused)
        {
            return refused;
        }

        var commitment = _commitments.FirstOrDefault(c => c.Id == commitmentId);
        if (commitment is null)
        {
            return Result.Refused("找不到该落实事项");
        }

        if (status == CommitmentStatus.Done && string.IsNullOrWhiteSpace(evidence) && string.IsNullOrWhiteSpace(commitment.Evidence))
        {
            return Result.Refused("标记为已落实须提供落实佐证");
        }

        return Change(WorkflowStep.UpdateCommitment, actor, context, $"{commitment.Description}：{status.ToChinese()}",
            () => commitment.Update(status, progress, evidence, context.Today));
    }

    /// <summary>Records a stored file on the item; the application checks size and type before storing it.</summary>
    public Result AddAttachment(Actor actor, string fileName, string contentType, long size, string storedName, WorkflowContext context)
    {
        if (Refuse(WorkflowStep.AddAttachment, actor, context) is { } refused)
        {
            return refused;
        }

        return Change(WorkflowStep.AddAttachment, actor, context, fileName,
            () => _attachments.Add(new Attachment(fileName, contentType, size, storedName, actor.StaffId, context.Now)));
    }

    /// <summary>催办: presses the handler with a message; the application turns it into a notice for them.</summary>
    public Result Chase(Actor actor, string message, WorkflowContext context)
    {
        if (Refuse(WorkflowStep.Chase, actor, context) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(message))
        {
            return Result.Refused("请填写催办内容");
        }

        return Change(WorkflowStep.Chase, actor, context, message,
            () => _chases.Add(new ChaseRecord(actor.StaffId, actor.Name, Responsibility!.HandlerId, message, context.Now)));
    }

    /// <summary>Joins a joint-handling group (or leaves it with null); the application links every item of the group.</summary>
    public Result JoinGroup(Actor actor, int? groupId, string? description, WorkflowContext context)
    {
        if (Refuse(WorkflowStep.JoinGroup, actor, context) is { } refused)
        {
            return refused;
        }

        if (groupId == JointGroupId)
        {
            return Result.Refused(groupId is null ? "本件未并案办理" : "本件已在该并案组中");
        }

        return Change(WorkflowStep.JoinGroup, actor, context, groupId is null ? "取消并案办理" : description,
            () => JointGroupId = groupId);
    }

    // ---- the machinery ---------------------------------------------------------------------------

    private Result? Refuse(WorkflowStep step, Actor actor, WorkflowContext context) =>
        ProposalWorkflow.WhyNot(this, step, actor, context) is { } why ? Result.Refused(why) : null;

    private Result SendBack(WorkflowStep step, Actor actor, string comment, WorkflowContext context)
    {
        if (Refuse(step, actor, context) is { } refused)
        {
            return refused;
        }

        return string.IsNullOrWhiteSpace(comment)
            ? Result.Refused("退回须填写修改意见")
            : Transition(step, actor, context, ProposalState.InProgress, comment);
    }

    private Result Transition(WorkflowStep step, Actor actor, WorkflowContext context, ProposalState to,
        string? comment, Action? apply = null)
    {
        if (Refuse(step, actor, context) is { } refused)
        {
            return refused;
        }

        var from = State;
        var sectionBefore = Responsibility?.SectionId;
        apply?.Invoke();
        State = to;
        Record(actor, AuditActions.Of(step), from, to, comment, context, sectionBefore);
        StartWhenReady(actor, context);
        return Result.Ok;
    }

    private Result Change(WorkflowStep step, Actor actor, WorkflowContext context, string? comment, Action apply)
    {
        if (Refuse(step, actor, context) is { } refused)
        {
            return refused;
        }

        var from = State;
        var sectionBefore = Responsibility?.SectionId;
        apply();
        Record(actor, AuditActions.Of(step), from, State == from ? null : State, comment, context, sectionBefore);
        StartWhenReady(actor, context);
        return Result.Ok;
    }

    /// <summary>
    /// An accepted item whose 五定 is complete goes straight to the handler (我的待办): no separate 开始办理 click.
    /// Taken as its own step, 开始办理, by whoever completed it, so the timeline and the events say what happened (the
    /// 落实五定 before it keeps its own entry and event). The one place this is decided, whichever step got there
    /// first: 五定 set on an accepted item, 签收 of an item whose 五定 came with the import, a return not agreed.
    /// </summary>
    private void StartWhenReady(Actor actor, WorkflowContext context)
    {
        if (State == ProposalState.Accepted && ProposalWorkflow.WhyNot(this, WorkflowStep.StartHandling, actor, context) is null)
        {
            Transition(WorkflowStep.StartHandling, actor, context, ProposalState.InProgress, AutoStartNote);
        }
    }

    /// <summary>The comment of the 开始办理 the portal takes by itself once the 五定 stand.</summary>
    public const string AutoStartNote = "五定已落实，自动转入办理";

    private void SetDeadline(Deadline deadline)
    {
        Deadline = deadline.Date;
        DeadlineRule = deadline.Rule;
        DeadlineExplanation = deadline.Explanation;
    }

    private void Record(Actor actor, AuditAction action, ProposalState? from, ProposalState? to, string? comment,
        WorkflowContext context, int? sectionBefore = null)
    {
        _auditTrail.Add(new AuditEntry(context.Now, actor.StaffId == 0 ? null : actor.StaffId, actor.Name, action, from, to, comment));
        // Every step ends here, so this is where the item learns who acts next.
        (WaitingForRole, WaitingForSectionId) = Workflow.WaitingFor.Of(this);
        DeadlineStanding = DeadlineStandingOf(Deadline, State);
        _events.Add(ProposalEvent.For(this, action, actor.Name, context.Now, sectionBefore ?? Responsibility?.SectionId, comment));
        Version++;
    }
}
