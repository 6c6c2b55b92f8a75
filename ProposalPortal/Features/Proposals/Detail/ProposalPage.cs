using System.Globalization;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Organization;
using ProposalPortal.Features.Publication;

namespace ProposalPortal.Features.Proposals.Detail;

/// <summary>
/// Everything the item page shows, loaded at once by <see cref="ProposalPageQuery"/> for one person: the item with its
/// proposers, deadline, 五定, replies, commitments, evaluations, attachments and trail; what is read beside it (names,
/// the joint group, related replies, signed letters, 征询意见 links, the timeline); and the steps this person may take
/// now. The panels render from it alone, so a panel can be shown (and tested) without any service.
/// </summary>
/// <param name="Proposal">The item as loaded; the step dialogs run against its <see cref="Proposal.Version"/>.</param>
/// <param name="Context">The clock and rules the steps were worked out with (today, the deadline calculator).</param>
/// <param name="Zone">The bureau's time zone, in which instants are shown.</param>
/// <param name="Contacts">The 代表委员库 entries of the proposers (by entry id), with their contacts: the item page is
/// for staff only, and nothing public is given this model.</param>
/// <param name="OpensRegistry">Whether this person may open 代表委员库 (the Office): the proposers then link to their history.</param>
public sealed record ProposalPage(
    Proposal Proposal,
    WorkflowContext Context,
    TimeZoneInfo Zone,
    Names Names,
    IReadOnlyList<WorkflowStep> Steps,
    DeadlineStatus? DeadlineStatus,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<JointItem> Joint,
    IReadOnlyList<RelatedReply> Related,
    IReadOnlyList<ReplyDocumentInfo> Letters,
    IReadOnlyList<EvaluationLink> EvaluationLinks,
    AttachmentLimits AttachmentLimits,
    IReadOnlyDictionary<int, ProposalPortal.Domain.Proposers.ProposerDetails>? Contacts = null,
    bool OpensRegistry = false)
{
    /// <summary>The registry entry of a proposer line, when the line is linked to one.</summary>
    public ProposalPortal.Domain.Proposers.ProposerDetails? ContactOf(Proposer proposer) =>
        proposer.RegistryId is { } id && Contacts is not null && Contacts.TryGetValue(id, out var details) ? details : null;

    public DateOnly Today => Context.Today;

    /// <summary>Whether this person may take <paramref name="step"/> now.</summary>
    public bool Can(WorkflowStep step) => Steps.Contains(step);

    /// <summary>The steps offered as buttons: what the workflow allows, less updating commitments when there are none.</summary>
    public IReadOnlyList<WorkflowStep> OfferedSteps => Steps
        .Where(s => s != WorkflowStep.UpdateCommitment || Proposal.Commitments.Count > 0)
        .Where(s => s != WorkflowStep.AddAttachment) // offered in the attachments panel instead
        .ToList();

    /// <summary>An instant as the bureau reads it: 2022年8月22日 09:30, in its own time zone.</summary>
    public string LocalTime(DateTimeOffset at) => LocalTime(at, Zone);

    internal static string LocalTime(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return $"{ChineseDate.Format(DateOnly.FromDateTime(local.DateTime))} {local.ToString("HH:mm", CultureInfo.InvariantCulture)}";
    }

    /// <summary>The day of an instant in the bureau's time zone: 2022年8月22日.</summary>
    public string LocalDate(DateTimeOffset at) => ChineseDate.Format(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime));

    /// <summary>The days left, or how the item was finished, beside the deadline.</summary>
    public string DaysText(DeadlineStatus status)
    {
        var p = Proposal;
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

    /// <summary>Whether (and when) the proposer was first contacted, against the 办前联系 deadline.</summary>
    public string FirstContactText(DateOnly due)
    {
        var communications = Proposal.Communications;
        var first = communications.Where(c => c.Stage == CommunicationStage.Before).OrderBy(c => c.Date).FirstOrDefault()
            ?? communications.OrderBy(c => c.Date).FirstOrDefault();
        return first is not null
            ? $"（已于{ChineseDate.Format(first.Date)}联系{(first.Date > due ? "，晚于期限" : string.Empty)}）"
            : "（尚未登记与提出人的沟通）";
    }

    /// <summary>One evaluation in a line: round, who (when several proposers), satisfaction, ratings and how it came in.</summary>
    public string EvaluationText(Evaluation e) =>
        $"第{e.Round}轮：" + (Proposal is { Proposers.Count: > 1 } p && p.Proposers.FirstOrDefault(x => x.Id == e.ProposerId) is { } who
            ? who.Name + " " : string.Empty) + e.Satisfaction.ToChinese() +
        RatingsText(e) +
        (e.Comment is { } comment ? $"（{comment}）" : string.Empty) +
        (e.EnteredByStaff ? "，办公室据书面意见录入" : "，提出人在线评价");

    private static string RatingsText(Evaluation e)
    {
        var parts = new[] { ("办理态度", e.Attitude), ("答复内容", e.Substance), ("落实情况", e.FollowThrough) }
            .Where(x => x.Item2 is not null).Select(x => $"{x.Item1}{x.Item2!.Value.ToChinese()}").ToList();
        return parts.Count == 0 ? string.Empty : $"（{string.Join("，", parts)}）";
    }
}

/// <summary>What may be uploaded, as the attachments panel states it.</summary>
public sealed record AttachmentLimits(IReadOnlyList<string> Extensions, long MaxBytes)
{
    public string Text => $"可上传 {string.Join("、", Extensions)}，单个文件不超过{MaxBytes / 1024 / 1024}MB";
}

/// <summary>One line of the timeline: an audit entry, or a communication with the proposer.</summary>
public sealed record TimelineEntry(DateTimeOffset At, long Order, string What, string Who, string When, string? FromTo,
    string? Comment, Communication? Communication, string? Action = null)
{
    public bool IsChase => Action == nameof(WorkflowStep.Chase);
}
