using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Documents.Typesetting;
using ProposalPortal.Features.Proposals;

namespace ProposalPortal.Features.Letters;

/// <summary>The forms of an item's file, as the item page lists them.</summary>
public enum FileForm
{
    /// <summary>交办通知单: the item, its deadline, 五定 and the requirements, to the section.</summary>
    Notice,

    /// <summary>签批单 (审批笺): 拟稿, 审核, 签发 with names, dates and opinions.</summary>
    Approval,

    /// <summary>回执: the section's receipt back to the Office.</summary>
    Receipt,
}

/// <summary>
/// The paper forms of an item's file, set by <see cref="FormPdf"/>: 交办通知单, 签批单 and 回执 (the 征询意见表 are
/// <see cref="EvaluationForms"/>). Staff who may see the item get them, as they get its letters; nothing on them is a
/// proposer's key. The 签批单 of a signed-off reply is the one stored with the letter at sign-off, as it was then.
/// </summary>
public sealed class OfficialForms(
    IDbContextFactory<PortalDbContext> dbFactory,
    FormPdf pdf,
    IOptions<PortalOptions> portal,
    IOptions<FormOptions> options,
    PortalClock clock)
{
    public const string NoticeName = "建议提案交办通知单";
    public const string ApprovalName = "建议提案答复签批单";
    public const string ReceiptName = "建议提案办理回执";

    public static string PathFor(int proposalId, FileForm form) => form switch
    {
        FileForm.Notice => $"/proposals/{proposalId}/forms/notice.pdf",
        FileForm.Approval => $"/proposals/{proposalId}/forms/approval.pdf",
        _ => $"/proposals/{proposalId}/forms/receipt.pdf",
    };

    public static string NameOf(FileForm form) => form switch
    {
        FileForm.Notice => "交办通知单",
        FileForm.Approval => "签批单",
        _ => "回执",
    };

    /// <summary>Whether the item has the form yet: a notice once 五定 names a section, a 签批单 once there is a draft letter.</summary>
    public static bool Has(Proposal proposal, FileForm form) => form switch
    {
        FileForm.Notice or FileForm.Receipt => proposal.Responsibility is not null,
        _ => proposal.CurrentReply is { Kind: ReplyKind.Letter },
    };

    /// <summary>The form as a PDF for <paramref name="actor"/>, or the Chinese reason why not with its <see cref="RefusalKind"/>.</summary>
    public async Task<Result<LetterFile>> ForAsync(int proposalId, FileForm form, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var proposal = await ProposalService.WithEverything(db.Proposals.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == proposalId, cancellationToken);
        if (proposal is null || actor.StaffId == 0 || !ProposalWorkflow.CanView(proposal, actor))
        {
            return Result<LetterFile>.Refused("找不到该件，或您无权查看该件", RefusalKind.NotFound);
        }

        if (!Has(proposal, form))
        {
            return Result<LetterFile>.Refused(form == FileForm.Approval
                ? "该件尚无答复稿，没有签批单"
                : $"该件尚未落实五定（承办科室、责任领导、承办人），没有{NameOf(form)}", RefusalKind.NotFound);
        }

        if (form == FileForm.Approval && await db.ApprovalForms.AsNoTracking().Where(f => f.ReplyId == proposal.CurrentReply!.Id)
                .OrderByDescending(f => f.LetterVersion).FirstOrDefaultAsync(cancellationToken) is { } filed)
        {
            // Signed off: the form as it was filed with the letter, byte for byte.
            return Result<LetterFile>.Ok(new LetterFile(filed.Content, $"{proposal.Designation}{NameOf(form)}.pdf", filed.Sha256));
        }

        var section = proposal.Responsibility is { } r
            ? await db.Sections.AsNoTracking().Where(s => s.Id == r.SectionId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        var staffIds = new[] { proposal.Responsibility?.LeaderId, proposal.Responsibility?.HandlerId }.OfType<int>().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        string Person(int? id, bool phone = false) => id is { } i && staff.TryGetValue(i, out var m)
            ? m.Name + (phone && !string.IsNullOrWhiteSpace(m.Phone) ? $"（电话：{m.Phone}）" : string.Empty)
            : string.Empty;

        var content = form switch
        {
            FileForm.Notice => Notice(proposal, section ?? string.Empty, Person(proposal.Responsibility!.LeaderId), Person(proposal.Responsibility.HandlerId, phone: true)),
            FileForm.Approval => Approval(proposal, section ?? string.Empty, storedAt: null),
            _ => Receipt(proposal, section ?? string.Empty, Person(proposal.Responsibility!.HandlerId, phone: true)),
        };
        if (pdf.WhyNotPrintable(content) is { } why)
        {
            return Result<LetterFile>.Refused(why, RefusalKind.Rule);
        }

        return Result<LetterFile>.Ok(new LetterFile(pdf.Write(content), $"{proposal.Designation}{NameOf(form)}.pdf"));
    }

    /// <summary>交办通知单: to the section, the item, 五定 with the deadline, and the requirements from configuration.</summary>
    public FormContent Notice(Proposal proposal, string section, string leader, string handler)
    {
        var bureau = portal.Value.BureauName;
        var assignedAt = LastOf(proposal, AuditAction.SetResponsibility);
        var time = proposal.Deadline is { } deadline
            ? $"{ChineseDate.Format(deadline)}前{(proposal.Role == HandlingRole.Lead ? "答复提出人" : "向主办单位送出协办意见")}"
            : "按规定时限办理";
        if (proposal.FirstContactDueOn is { } contact)
        {
            time += $"；{ChineseDate.Format(contact)}前与提出人联系";
        }

        var rows = new List<FormRow>
        {
            new("承办科室", section),
            new("件号", proposal.Designation),
            new("标题", $"《{ChineseLineBreaker.ToChinesePunctuation(proposal.Title)}》"),
            new("提出人", ProposersWithContacts(proposal)),
            new("办理方式", HandlingText(proposal)),
            new("交办日期", ChineseDate.Format(proposal.AssignedOn)),
            new("定领导", leader),
            new("定人员", handler),
            new("定时间", time),
            new("定责任", section),
            new("定质量", string.IsNullOrWhiteSpace(proposal.Responsibility?.QualityNote) ? "答复实事求是，措施具体可行，提出人满意。" : proposal.Responsibility.QualityNote.Trim()),
            new("办理要求", options.Value.NoticeRequirements.Trim(), Lines: 2),
        };
        return new FormContent(bureau, NoticeName, $"编号：{proposal.Designation}", rows,
            Issuer: bureau + "办公室", Date: ChineseDate.Format(assignedAt is null ? clock.Today : clock.LocalDate(assignedAt.At)));
    }

    /// <summary>
    /// 签批单 of the current reply: what the letter is, then 拟稿, 审核 and 签发 as the round's trail records them (each
    /// send-back with its opinion, the last word with its name and date). Steps not taken yet leave room to write by hand.
    /// <paramref name="storedAt"/>: the form is being kept with the letter signed then.
    /// </summary>
    public FormContent Approval(Proposal proposal, string section, DateTimeOffset? storedAt)
    {
        var bureau = portal.Value.BureauName;
        var reply = proposal.CurrentReply ?? throw new InvalidOperationException("No reply.");
        var round = proposal.AuditTrail.Where(a => a.At >= proposal.CurrentRoundStartedAt).OrderBy(a => a.At).ThenBy(a => a.Id).ToList();
        string Day(DateTimeOffset at) => ChineseDate.Format(clock.LocalDate(at));

        var drafts = round.Where(a => a.Action == AuditAction.SaveDraft).ToList();
        var submitted = round.LastOrDefault(a => a.Action == AuditAction.SubmitForReview);
        var drafting = drafts.Count == 0
            ? string.Empty
            : $"{section}\u3000{string.Join("、", drafts.Select(d => d.ActorName).Distinct())}\u3000{Day((submitted ?? drafts[^1]).At)}";

        string Opinions(AuditAction sendBack, AuditAction approve, string approval)
        {
            var lines = round.Where(a => a.Action == sendBack || a.Action == approve).Select(a => a.Action == sendBack
                ? $"退回修改：{a.Comment}（{a.ActorName}\u3000{Day(a.At)}）"
                : $"{(a.Action == AuditAction.SignOff || string.IsNullOrWhiteSpace(a.Comment) ? approval : a.Comment)}（{a.ActorName}\u3000{Day(a.At)}）");
            return string.Join("\n", lines);
        }

        var letter = LetterContent.For(proposal, reply, bureau, portal.Value.ReplyNumberPrefix, null, reply.IssuedOn ?? clock.Today, isPreview: true);
        var rows = new List<FormRow>
        {
            new("件号", proposal.Designation),
            new("标题", letter.Title),
            new("文号", reply.DocumentNumber ?? "签发时编号"),
            new("主送", letter.Addressee.TrimEnd('：')),
            new("抄送", ChineseLineBreaker.ToChinesePunctuation(reply.CcList?.Trim() ?? string.Empty)),
            new("办理类别", reply.Category?.ToChinese() ?? "未定"),
            new("公开属性", (reply.Disclosure?.ToChinese() ?? "未定") + (reply.DisclosureReason is { } why ? $"（理由：{why}）" : string.Empty)),
            new("拟稿", drafting),
            new("审核意见", Opinions(AuditAction.SendBackFromReview, AuditAction.ApproveReview, "同意。"), Lines: 3),
            new("签发意见", Opinions(AuditAction.SendBackFromSignOff, AuditAction.SignOff, "同意签发。"), Lines: 3),
        };
        var mark = storedAt is { } at
            ? $"本单于{Day(at)}签发时随答复函存档"
            : "本单随办理进度生成，签发后随答复函存档";
        return new FormContent(bureau, ApprovalName, $"第{reply.Round}轮答复", rows, Mark: mark);
    }

    /// <summary>回执: the section tells the Office it received the item and, once sent, how it was answered.</summary>
    public FormContent Receipt(Proposal proposal, string section, string handler)
    {
        var bureau = portal.Value.BureauName;
        var received = LastOf(proposal, AuditAction.StartHandling) ?? LastOf(proposal, AuditAction.SetResponsibility);
        var reply = proposal.Replies.Where(r => r.IssuedOn is not null).OrderBy(r => r.Round).ThenBy(r => r.Id).LastOrDefault();
        var answered = reply switch
        {
            { Kind: ReplyKind.Letter, IssuedOn: { } on } => $"已于{ChineseDate.Format(on)}以{reply.DocumentNumber}答复提出人" +
                (reply.Category is { } c ? $"，办理类别{c}类" : string.Empty) + (reply.Disclosure is { } d ? $"，{d.ToChinese()}" : string.Empty) + "。",
            { IssuedOn: { } on } => $"已于{ChineseDate.Format(on)}向{proposal.LeadUnit ?? "主办单位"}送出协办意见。",
            _ => string.Empty,
        };
        var rows = new List<FormRow>
        {
            new("件号", proposal.Designation),
            new("标题", $"《{ChineseLineBreaker.ToChinesePunctuation(proposal.Title)}》"),
            new("办理方式", HandlingText(proposal)),
            new("承办科室", section),
            new("承办人", handler),
            new("交办日期", ChineseDate.Format(proposal.AssignedOn)),
            new("办理时限", proposal.Deadline is { } deadline ? ChineseDate.Format(deadline) : string.Empty),
            new("签收日期", received is null ? "\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日" : ChineseDate.Format(clock.LocalDate(received.At))),
            new("答复情况", answered, Lines: 2),
            new("备注", string.Empty, Lines: 2),
        };
        return new FormContent(bureau, ReceiptName, $"编号：{proposal.Designation}", rows,
            Note: $"本回执由承办科室签收后填写，答复后补填答复情况，交回{bureau}办公室存档。",
            Issuer: $"承办科室（盖章）：{section}\u3000签收人（签名）：\u3000\u3000\u3000\u3000",
            Date: "\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日");
    }

    /// <summary>
    /// The 签批单 to file at sign-off with version <paramref name="letterVersion"/> of the letter of reply
    /// <paramref name="replyId"/>, in the sign-off's own save: the form as the trail stands then, 签发 included. What it
    /// prints is read from <paramref name="proposal"/> before this returns; the PDF is set on the thread pool, beside the
    /// letter's own rendering and signing (issue 17: the sign-off's server time), so await the task before the save.
    /// </summary>
    public async Task<Task<ApprovalForm>> StartFilingApprovalAsync(PortalDbContext db, Proposal proposal, int replyId, int letterVersion,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(proposal);
        var section = proposal.Responsibility is { } r
            ? await db.Sections.AsNoTracking().Where(s => s.Id == r.SectionId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        var now = clock.Now;
        var content = Approval(proposal, section ?? string.Empty, now);
        var proposalId = proposal.Id;
        return Task.Run(() => new ApprovalForm(proposalId, replyId, letterVersion, pdf.Write(content), now), CancellationToken.None);
    }

    private static AuditEntry? LastOf(Proposal proposal, AuditAction action) =>
        proposal.AuditTrail.Where(a => a.Action == action).OrderBy(a => a.At).ThenBy(a => a.Id).LastOrDefault();

    private static string ProposersWithContacts(Proposal proposal) => string.Join("、", proposal.Proposers.OrderBy(p => p.Order)
        .Select(p => p.Name + proposal.Kind.ProposerTitle() + (string.IsNullOrWhiteSpace(p.Phone) ? string.Empty : $"（{p.Phone}）")));

    private static string HandlingText(Proposal proposal)
    {
        var text = proposal.Role.ToChinese();
        if (proposal.IsKey)
        {
            text += "，重点" + proposal.Kind.ShortName() + (proposal.KeyDesignation is { } by ? $"（{by}）" : string.Empty);
        }

        if (proposal.Role == HandlingRole.Assisting && proposal.LeadUnit is { } lead)
        {
            text += $"，主办单位：{lead}";
        }
        else if (!string.IsNullOrWhiteSpace(proposal.CoUnits))
        {
            text += $"，协办单位：{proposal.CoUnits}";
        }

        return text;
    }
}
