using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Data;

/// <summary>
/// The server's one check of every text about to be saved, whichever form, dialog, endpoint or import it came from:
/// the length the EF configuration gives the column (SQLite itself enforces none; columns without one get
/// <see cref="TextRules.LongTextMaxLength"/>) and no control characters (line breaks only where a field holds several
/// lines). A form's MaxLength is a convenience; this is the rule.
/// </summary>
public static class SavedTextCheck
{
    // Fields that hold one line: a name, a title, a number. Every other text field may hold line breaks.
    private static readonly HashSet<(Type, string)> SingleLine =
    [
        (typeof(Proposal), nameof(Proposal.Session)), (typeof(Proposal), nameof(Proposal.Title)),
        (typeof(Proposal), nameof(Proposal.LeadUnit)), (typeof(Proposal), nameof(Proposal.CoUnits)),
        (typeof(Proposal), nameof(Proposal.KeyDesignation)),
        (typeof(Proposer), nameof(Proposer.Name)), (typeof(Proposer), nameof(Proposer.Phone)),
        (typeof(Proposer), nameof(Proposer.Unit)), (typeof(Proposer), nameof(Proposer.Group)),
        (typeof(ProposalTopic), nameof(ProposalTopic.Name)),
        (typeof(Communication), nameof(Communication.Participants)),
        (typeof(Commitment), nameof(Commitment.OwnerName)),
        (typeof(Attachment), nameof(Attachment.FileName)),
        (typeof(DraftVersion), nameof(DraftVersion.WordFile)),
    ];

    // Records the portal writes about an input (the audit trail quotes a comment after "满意:", a notice quotes a chase
    // or a title stored before these rules): the input itself was checked where it came in, and the record of a step
    // must never be why the step, or the nightly deadline monitor, fails.
    // The data-protection keys are ASP.NET Core's own XML, never typed by anyone.
    private static readonly HashSet<Type> DerivedRecords =
        [typeof(AuditEntry), typeof(Domain.Notices.Notice), typeof(Domain.Notices.NoticeDelivery), typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey)];

    // The names the person knows the fields by, as the forms label them.
    private static readonly Dictionary<(Type, string), string> Labels = new()
    {
        [(typeof(Proposal), nameof(Proposal.Session))] = "届次",
        [(typeof(Proposal), nameof(Proposal.Title))] = "标题",
        [(typeof(Proposal), nameof(Proposal.Content))] = "内容",
        [(typeof(Proposal), nameof(Proposal.LeadUnit))] = "主办单位",
        [(typeof(Proposal), nameof(Proposal.CoUnits))] = "协办单位",
        [(typeof(Proposal), nameof(Proposal.KeyDesignation))] = "重点督办说明",
        [(typeof(Proposal), nameof(Proposal.DeadlineExplanation))] = "办理时限说明",
        [(typeof(Proposal), nameof(Proposal.ReturnReason))] = "退回理由",
        [(typeof(Responsibility), nameof(Responsibility.QualityNote))] = "质量要求",
        [(typeof(Proposer), nameof(Proposer.Name))] = "提出人",
        [(typeof(Proposer), nameof(Proposer.Phone))] = "联系电话",
        [(typeof(Proposer), nameof(Proposer.Unit))] = "工作单位",
        [(typeof(Proposer), nameof(Proposer.Group))] = "界别或代表团",
        [(typeof(ProposalTopic), nameof(ProposalTopic.Name))] = "主题",
        [(typeof(Communication), nameof(Communication.Participants))] = "参加人员",
        [(typeof(Communication), nameof(Communication.Summary))] = "沟通情况",
        [(typeof(Reply), nameof(Reply.Body))] = "答复正文",
        [(typeof(DraftVersion), nameof(DraftVersion.Body))] = "答复正文",
        [(typeof(DraftVersion), nameof(DraftVersion.WordFile))] = "Word文件名",
        [(typeof(Reply), nameof(Reply.DisclosureReason))] = "不公开理由",
        [(typeof(Reply), nameof(Reply.ContactLines))] = "联系人及电话",
        [(typeof(Reply), nameof(Reply.CcList))] = "抄送",
        [(typeof(Reply), nameof(Reply.PublicSummary))] = "公开摘要",
        [(typeof(Commitment), nameof(Commitment.Description))] = "落实事项",
        [(typeof(Commitment), nameof(Commitment.OwnerName))] = "责任人",
        [(typeof(Commitment), nameof(Commitment.Progress))] = "落实进展",
        [(typeof(Commitment), nameof(Commitment.Evidence))] = "佐证材料",
        [(typeof(Evaluation), nameof(Evaluation.Comment))] = "意见和建议",
        [(typeof(DeadlineExtension), nameof(DeadlineExtension.Reason))] = "延期理由",
        [(typeof(AuditEntry), nameof(AuditEntry.Comment))] = "意见",
        [(typeof(ChaseRecord), nameof(ChaseRecord.Message))] = "催办内容",
        [(typeof(Attachment), nameof(Attachment.FileName))] = "文件名",
    };

    /// <summary>Why the pending changes cannot be saved, in Chinese (the first problem), or null.</summary>
    public static string? WhyNot(ChangeTracker changes)
    {
        foreach (var entry in changes.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            // The domain's own records; Identity's and the framework's tables keep their own rules.
            var type = entry.Metadata.ClrType;
            if (type.Namespace?.StartsWith("ProposalPortal.Domain", StringComparison.Ordinal) != true || DerivedRecords.Contains(type))
            {
                continue;
            }

            var unbounded = type.Namespace == typeof(Proposal).Namespace ? TextRules.LongTextMaxLength : int.MaxValue;
            foreach (var property in entry.Properties)
            {
                // Only what this save writes: text stored before these rules must not block every later step on the item.
                if (property.CurrentValue is not string text || (entry.State == EntityState.Modified && !property.IsModified)
                    || property.Metadata.GetValueConverter() is not null)
                {
                    continue;
                }

                var name = property.Metadata.Name;
                var label = Labels.GetValueOrDefault((type, name), name);
                if (TextRules.WhyNot(label, text, property.Metadata.GetMaxLength() ?? unbounded,
                        multiline: !SingleLine.Contains((type, name))) is { } why)
                {
                    return why;
                }
            }
        }

        return null;
    }
}

/// <summary>A save refused by <see cref="SavedTextCheck"/>: nothing was written; the message is for the person.</summary>
public sealed class TextRefusedException(string message) : Exception(message);
