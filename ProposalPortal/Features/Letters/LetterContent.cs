using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Documents.Typesetting;

namespace ProposalPortal.Features.Letters;

/// <summary>
/// Everything printed on a letter, as text; the layout is <see cref="LetterRenderer"/>'s business. A letter carries no
/// personal link: it is published and downloaded by others, and a proposer's evaluation link is their key, so it goes
/// on their own 征询意见表 (<see cref="EvaluationFormPdf"/>) instead.
/// </summary>
public sealed record LetterContent(
    ReplyKind Kind,
    string Masthead,
    string DocumentNumber,
    string? Category,
    string Title,
    string Addressee,
    IReadOnlyList<string> Paragraphs,
    string Signature,
    string Date,
    string? Note,
    IReadOnlyList<string> ContactLines,
    string? CopyTo,
    string PrintedBy,
    string PrintedOn,
    bool IsPreview)
{
    /// <summary>Every character the letter prints, for the font check before issuing.</summary>
    public string AllText => string.Join("\n", new[] { Masthead, DocumentNumber, Category, Title, Addressee, Signature, Date, Note, CopyTo, PrintedBy, PrintedOn }
        .Concat(Paragraphs).Concat(ContactLines).Where(s => !string.IsNullOrEmpty(s)));

    /// <summary>
    /// The letter of an item's current reply: 答复函 to the proposers for lead items, 协办意见 to the lead unit for
    /// assisting items. <paramref name="number"/> and <paramref name="issuedOn"/> are those of the sign-off; a preview
    /// before sign-off passes null and shows where the number goes. A preview carries a note that it is not an
    /// issued document.
    /// </summary>
    public static LetterContent For(Proposal proposal, Reply reply, string bureau, string numberPrefix, DocumentNumber? number,
        DateOnly issuedOn, bool isPreview, string? printedBy = null)
    {
        var kind = reply.Kind;
        var designation = proposal.Designation;
        var title = kind == ReplyKind.Letter ? $"{bureau}关于{designation}的答复" : $"{bureau}关于{designation}的协办意见";
        var addressee = kind == ReplyKind.Letter
            ? string.Join("、", proposal.Proposers.OrderBy(p => p.Order).Select(p => p.Name + proposal.Kind.ProposerTitle())) + "："
            : $"{proposal.LeadUnit ?? "主办单位"}：";

        var paragraphs = reply.Body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(p => ChineseLineBreaker.ToChinesePunctuation(p.Trim()))
            .Where(p => p.Length > 0)
            .ToList();
        if (kind == ReplyKind.Letter)
        {
            // The form of a reply (DOMAIN.md): it opens by acknowledging the proposal and closes with thanks.
            if (paragraphs.Count == 0 || !paragraphs[0].StartsWith("您提出的", StringComparison.Ordinal))
            {
                paragraphs.Insert(0, $"您提出的《{proposal.Title}》收悉，现答复如下：");
            }

            if (!paragraphs[^1].Contains("感谢", StringComparison.Ordinal))
            {
                paragraphs.Add("感谢您对我局工作的关心和支持。");
            }
        }
        else if (paragraphs.Count == 0 || !paragraphs[0].Contains("收悉", StringComparison.Ordinal))
        {
            paragraphs.Insert(0, $"你单位主办的{designation}《{proposal.Title}》收悉。我局作为协办单位，提出协办意见如下：");
        }

        var date = ChineseDate.Format(issuedOn);
        var numberText = number?.ToString() ?? $"{numberPrefix}〔{issuedOn.Year}〕号（签发时编号）";
        return new LetterContent(
            kind,
            bureau,
            kind == ReplyKind.Letter ? numberText : string.Empty,
            kind == ReplyKind.Letter ? reply.Category?.ToString() : null,
            title,
            addressee,
            paragraphs,
            bureau,
            date,
            NoteFor(reply),
            SplitLines(reply.ContactLines),
            string.IsNullOrWhiteSpace(reply.CcList) ? null : "抄送：" + ChineseLineBreaker.ToChinesePunctuation(reply.CcList.Trim().TrimEnd('。', '.')) + "。",
            string.IsNullOrWhiteSpace(printedBy) ? bureau + "办公室" : printedBy,
            date + "印发",
            isPreview);
    }

    /// <summary>附注: the disclosure decision in parentheses.</summary>
    private static string? NoteFor(Reply reply) => reply.Disclosure switch
    {
        Disclosure.Publish => "（此件公开发布）",
        Disclosure.PublishSummary => "（此件摘要公开）",
        Disclosure.Withhold => "（此件不予公开）",
        _ => null,
    };

    private static List<string> SplitLines(string? text) => string.IsNullOrWhiteSpace(text)
        ? []
        : text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => ChineseLineBreaker.ToChinesePunctuation(l.Trim()))
            .Where(l => l.Length > 0).ToList();
}
