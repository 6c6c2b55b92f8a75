using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Domain.Proposals;

/// <summary>One proposer as the correction has them: an existing one (by id, perhaps renamed) or, with no id, a new one.</summary>
public sealed record ProposerCorrection(int? Id, string Name);

/// <summary>
/// 更正登记: the registration as it should read. Every field is given (the form starts from the item as it stands); what
/// equals the item is not a change.
/// </summary>
/// <param name="Proposers">In order: the first is the lead proposer.</param>
/// <param name="FixedDeadline">A 办理时限 the assigning office fixed for this item; null: the rules compute it from the
/// assignment date.</param>
public sealed record RegistrationCorrection(
    string Session,
    int Number,
    string Title,
    string? Content,
    IReadOnlyList<ProposerCorrection> Proposers,
    DateOnly AssignedOn,
    DateOnly? FixedDeadline,
    HandlingRole Role,
    string? LeadUnit,
    string? CoUnits)
{
    /// <summary>The form's starting point: the item as registered now.</summary>
    public static RegistrationCorrection Of(Proposal p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Session, p.Number, p.Title, p.Content,
            p.Proposers.OrderBy(x => x.Order).Select(x => new ProposerCorrection(x.Id, x.Name)).ToList(),
            p.AssignedOn, p.FixedDeadline, p.Role, p.LeadUnit, p.CoUnits);
    }
}

public sealed partial class Proposal
{
    // Of a long value the audit trail keeps the opening and the length: an entry holds at most 2,000 characters.
    private const int ContentExcerptLength = 60;
    private const int FieldExcerptLength = 150;

    /// <summary>A 办理时限 fixed by the list or the batch rather than computed from the assignment date; null otherwise.</summary>
    public DateOnly? FixedDeadline => ReopenRound == 0 && DeadlineRule is Deadlines.DeadlineRule.ExplicitOnImport or Deadlines.DeadlineRule.BatchFixedDate
        ? OriginalDeadline
        : null;

    /// <summary>
    /// 更正登记: corrects what was registered (title, content, proposers, session and number, assignment date and fixed
    /// 办理时限, 主办/协办 with the units), giving a reason. Refused in Chinese, changing nothing, when the result would be
    /// invalid or cannot be corrected any more. The audit trail records every changed field before and after. A changed
    /// assignment date, 办理时限 or 承办方式 recomputes the deadlines with the rules, and the explanation says so.
    /// </summary>
    /// <param name="numberTaken">Whether another item is registered under the corrected 届次 and 编号.</param>
    public Result CorrectRegistration(Actor actor, RegistrationCorrection c, string reason, bool numberTaken, WorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (Refuse(WorkflowStep.CorrectRegistration, actor, context) is { } refused)
        {
            return refused;
        }

        if (WhyNotCorrectable(c, reason, numberTaken, context) is { } why)
        {
            return Result.Refused(why);
        }

        var session = c.Session.Trim();
        var title = c.Title.Trim();
        var content = string.IsNullOrWhiteSpace(c.Content) ? null : c.Content.Trim();
        var leadUnit = c.Role == HandlingRole.Assisting && !string.IsNullOrWhiteSpace(c.LeadUnit) ? c.LeadUnit.Trim() : null;
        var coUnits = string.IsNullOrWhiteSpace(c.CoUnits) ? null : c.CoUnits.Trim();
        var names = c.Proposers.Select(x => x.Name.Trim()).ToList();
        var proposersChanged = !names.SequenceEqual(_proposers.OrderBy(x => x.Order).Select(x => x.Name))
            || c.Proposers.Any(x => x.Id is null) || c.Proposers.Count != _proposers.Count;
        var timesChanged = c.AssignedOn != AssignedOn || c.FixedDeadline != FixedDeadline || c.Role != Role;

        var lines = new List<string> { "更正理由：" + reason.Trim() };
        void Compare(string field, string? before, string? after, int excerpt = FieldExcerptLength)
        {
            if (!string.Equals(before ?? string.Empty, after ?? string.Empty, StringComparison.Ordinal))
            {
                lines.Add($"{field}：{Shown(before, excerpt)} → {Shown(after, excerpt)}");
            }
        }

        Compare("届次", Session, session);
        Compare("编号", $"第{Number}号", $"第{c.Number}号");
        Compare("标题", Title, title);
        Compare("内容", Content, content, ContentExcerptLength);
        if (proposersChanged)
        {
            Compare("提出人", string.Join("、", _proposers.OrderBy(x => x.Order).Select(x => x.Name)), string.Join("、", names));
        }

        Compare("承办方式", Role.ToChinese(), c.Role.ToChinese());
        Compare("主办单位", LeadUnit, leadUnit);
        Compare("协办单位", CoUnits, coUnits);
        Compare("交办日期", ChineseDate.Format(AssignedOn), ChineseDate.Format(c.AssignedOn));
        Compare("指定办理时限", FixedDeadline is { } f ? ChineseDate.Format(f) : "按规则计算",
            c.FixedDeadline is { } g ? ChineseDate.Format(g) : "按规则计算");
        if (lines.Count == 1)
        {
            return Result.Refused("更正内容与现登记信息相同，没有需要更正的地方");
        }

        Deadline? fresh = null;
        if (timesChanged)
        {
            var batchDate = DeadlineRule == Deadlines.DeadlineRule.BatchFixedDate && c.FixedDeadline == FixedDeadline ? c.FixedDeadline : null;
            fresh = context.Deadlines.ReplyDeadline(c.Role, c.AssignedOn, batchDate, batchDate is null ? c.FixedDeadline : null);
            lines.Add(DeadlineLine(fresh, c.AssignedOn));
        }

        return Change(WorkflowStep.CorrectRegistration, actor, context, string.Join("\n", lines), () =>
        {
            Session = session;
            Number = c.Number;
            Title = title;
            Content = content;
            Role = c.Role;
            LeadUnit = leadUnit;
            CoUnits = coUnits;
            if (proposersChanged)
            {
                CorrectProposers(c.Proposers);
            }

            if (fresh is not null)
            {
                Recompute(fresh, c.AssignedOn, context);
            }
        });
    }

    private string? WhyNotCorrectable(RegistrationCorrection c, string reason, bool numberTaken, WorkflowContext context)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return "更正登记须填写更正理由";
        }

        if (string.IsNullOrWhiteSpace(c.Title))
        {
            return "标题不能为空";
        }

        if (string.IsNullOrWhiteSpace(c.Session))
        {
            return "届次不能为空";
        }

        if (c.Number <= 0)
        {
            return "编号须为正整数";
        }

        if ((c.Session.Trim() != Session || c.Number != Number) && numberTaken)
        {
            return $"{c.Session.Trim()}第{c.Number}号已由另一件登记，不能更正为该编号";
        }

        if (c.Proposers.Count == 0 || c.Proposers.Any(x => string.IsNullOrWhiteSpace(x.Name)))
        {
            return c.Proposers.Count == 0 ? "至少须有一名提出人" : "提出人姓名不能为空";
        }

        if (c.Proposers.GroupBy(x => x.Name.Trim()).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return $"提出人“{twice.Key}”填写了两次";
        }

        if (c.Proposers.FirstOrDefault(x => x.Id is { } id && _proposers.All(p => p.Id != id)) is not null)
        {
            return "所列提出人不属于本件，请刷新后重新更正";
        }

        // Each proposer of an issued reply holds a personal evaluation link and answers for themselves: who they are stays.
        var kept = c.Proposers.Where(x => x.Id is not null).Select(x => x.Id!.Value).ToHashSet();
        if (_replies.Any(r => r.IssuedOn is not null) && (c.Proposers.Any(x => x.Id is null) || _proposers.Any(p => !kept.Contains(p.Id))))
        {
            return "答复已发出，每位提出人已有各自的征询意见，只能更正提出人的姓名和顺序，不能增加或删除提出人";
        }

        if (c.Role != Role && State is not (ProposalState.Registered or ProposalState.Accepted or ProposalState.ReturnRequested))
        {
            return $"本件已{State.ToChinese()}，主办与协办的办理步骤不同，不能再更改承办方式";
        }

        if (c.Role == HandlingRole.Assisting && string.IsNullOrWhiteSpace(c.LeadUnit))
        {
            return "协办件须填写主办单位";
        }

        if (c.AssignedOn > context.Today)
        {
            return "交办日期不能晚于今天";
        }

        if (_communications.Where(x => x.Date < c.AssignedOn).OrderBy(x => x.Date).FirstOrDefault() is { } earlier)
        {
            return $"本件已有{ChineseDate.Format(earlier.Date)}的沟通记录，交办日期不能晚于该日";
        }

        return c.FixedDeadline is { } d && d <= c.AssignedOn ? "办理时限须晚于交办日期" : null;
    }

    private void CorrectProposers(IReadOnlyList<ProposerCorrection> corrected)
    {
        var kept = corrected.Where(x => x.Id is not null).Select(x => x.Id!.Value).ToHashSet();
        _proposers.RemoveAll(p => !kept.Contains(p.Id));
        for (var i = 0; i < corrected.Count; i++)
        {
            var proposer = corrected[i].Id is { } id ? _proposers.Single(p => p.Id == id) : AddProposer(corrected[i].Name);
            proposer.Rename(corrected[i].Name);
            proposer.Order = i;
        }
    }

    private Proposer AddProposer(string name)
    {
        var proposer = new Proposer(name);
        _proposers.Add(proposer);
        return proposer;
    }

    /// <summary>
    /// The deadlines that count from the assignment follow the corrected facts. The current 办理时限 follows too, unless an
    /// extension or a re-handling after 不满意 has set it since: then only the first-round deadline is recomputed.
    /// </summary>
    private void Recompute(Deadline fresh, DateOnly assignedOn, WorkflowContext context)
    {
        var note = $"（{ChineseDate.Format(context.Today)}更正登记后重新计算）";
        if (FollowsRegistration)
        {
            SetDeadline(fresh with { Explanation = fresh.Explanation + note });
        }

        OriginalDeadline = fresh.Date;
        AssignedOn = assignedOn;
        ReturnWindowEndsOn = context.Deadlines.ReturnWindowEnd(assignedOn).Date;
        FirstContactDueOn = context.Deadlines.FirstContactDue(assignedOn).Date;
    }

    private bool FollowsRegistration => ReopenRound == 0 && DeadlineRule is not Deadlines.DeadlineRule.Extension;

    private string DeadlineLine(Deadline fresh, DateOnly assignedOn)
    {
        var was = FollowsRegistration ? Deadline : OriginalDeadline;
        var line = $"办理时限：{(was is { } w ? ChineseDate.Format(w) : "未定")} → {ChineseDate.Format(fresh.Date)}（重新计算：{fresh.Explanation}）";
        if (!FollowsRegistration && Deadline is { } current)
        {
            line += $"；现办理时限{ChineseDate.Format(current)}系{(ReopenRound > 0 ? "重新办理" : "延期")}后确定，保持不变";
        }

        if (assignedOn != AssignedOn)
        {
            line += "；申请退回期限、办前联系期限随交办日期重新计算";
        }

        return line;
    }

    private static string Shown(string? value, int excerpt) =>
        string.IsNullOrEmpty(value) ? "（空）" : value.Length <= excerpt ? value : $"{value[..excerpt]}……（共{value.Length}字）";
}
