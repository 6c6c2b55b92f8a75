using System.Text.RegularExpressions;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Domain.Proposers;

/// <summary>Which body a registered proposer sits in: a People's Congress deputy (代表) or a CPPCC member (委员).</summary>
public enum ProposerBody
{
    Deputy,
    Member,
}

/// <summary>
/// What the Office keeps about one deputy or member. Everything but the name and the body may be left empty; what is
/// filled in must look like what it says (a phone like a phone, an e-mail like an e-mail), so that a typo in a list
/// is caught at the door rather than found when someone dials it.
/// </summary>
public sealed partial record ProposerDetails(
    string Name,
    ProposerBody Body,
    string? Term = null,
    string? Group = null,
    string? Unit = null,
    string? Mobile = null,
    string? OfficePhone = null,
    string? Address = null,
    string? Email = null)
{
    public const int NameMaxLength = 50;
    public const int ShortMaxLength = 64;
    public const int LongMaxLength = 200;

    /// <summary>The same details, trimmed, with empty texts as null and the name without inner spaces.</summary>
    public ProposerDetails Normalized() => this with
    {
        Name = ProposerNames.Normalize(Name),
        Term = Clean(Term), Group = Clean(Group), Unit = Clean(Unit), Mobile = Clean(Mobile),
        OfficePhone = Clean(OfficePhone), Address = Clean(Address), Email = Clean(Email),
    };

    /// <summary>The first problem with these details, in Chinese; null when they may be saved.</summary>
    public string? WhyNot()
    {
        var d = Normalized();
        if (d.Name.Length == 0) return "请填写姓名";
        if (d.Name.Length > NameMaxLength) return $"姓名过长（不超过{NameMaxLength}个字）";
        if (!Enum.IsDefined(d.Body)) return "请选择代表或委员";
        foreach (var (label, value, max) in new[]
                 {
                     ("届别", d.Term, ShortMaxLength), (d.Body.GroupLabel(), d.Group, ShortMaxLength),
                     ("工作单位", d.Unit, LongMaxLength), ("手机", d.Mobile, ShortMaxLength),
                     ("办公电话", d.OfficePhone, ShortMaxLength), ("通讯地址", d.Address, LongMaxLength),
                     ("电子邮箱", d.Email, LongMaxLength),
                 })
        {
            if (value is not null && value.Length > max) return $"{label}过长（不超过{max}个字）";
            if (value is not null && value.Any(char.IsControl)) return $"{label}中有不可见的控制字符";
        }

        if (d.Mobile is { } mobile && !PhonePattern().IsMatch(mobile)) return $"手机号码“{mobile}”格式不对";
        if (d.OfficePhone is { } office && !PhonePattern().IsMatch(office)) return $"办公电话“{office}”格式不对";
        if (d.Email is { } email && !EmailPattern().IsMatch(email)) return $"电子邮箱“{email}”格式不对";
        return null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // Digits with the separators people write between them (0878-1234567, 138 0000 0001, +86…, 转 extensions).
    [GeneratedRegex(@"^\+?[0-9][0-9\-\s（）()转]{5,30}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}

/// <summary>
/// 代表委员库: one deputy or member the bureau deals with year after year. Items keep their own <see cref="Proposer"/>
/// lines as registered (history is not rewritten); a line points here through <see cref="Proposer.RegistryId"/>.
/// Contacts are for staff only: nothing public reads this table.
/// </summary>
public sealed class RegisteredProposer
{
    private RegisteredProposer()
    {
        Name = string.Empty;
    }

    /// <summary>A new entry; the details must have passed <see cref="ProposerDetails.WhyNot"/>.</summary>
    public RegisteredProposer(ProposerDetails details)
    {
        Name = string.Empty;
        Apply(details);
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    public ProposerBody Body { get; private set; }

    /// <summary>届别, e.g. 市十届 or 州十一届.</summary>
    public string? Term { get; private set; }

    /// <summary>代表团 (congress) or 界别 (CPPCC).</summary>
    public string? Group { get; private set; }

    /// <summary>工作单位.</summary>
    public string? Unit { get; private set; }

    public string? Mobile { get; private set; }
    public string? OfficePhone { get; private set; }
    public string? Address { get; private set; }
    public string? Email { get; private set; }

    public ProposerDetails Details => new(Name, Body, Term, Group, Unit, Mobile, OfficePhone, Address, Email);

    /// <summary>Replaces the details; refused (and nothing changed) when they do not pass <see cref="ProposerDetails.WhyNot"/>.</summary>
    public Result Update(ProposerDetails details)
    {
        if (details.WhyNot() is { } problem)
        {
            return Result.Refused(problem);
        }

        Apply(details);
        return Result.Ok;
    }

    /// <summary>One line for the audit trail: every field, so that before and after can be compared.</summary>
    public string Describe() => Describe(Details);

    public static string Describe(ProposerDetails d) =>
        $"{d.Name}（{d.Body.ToChinese()}），届别：{d.Term ?? "—"}，{d.Body.GroupLabel()}：{d.Group ?? "—"}，工作单位：{d.Unit ?? "—"}，" +
        $"手机：{d.Mobile ?? "—"}，办公电话：{d.OfficePhone ?? "—"}，地址：{d.Address ?? "—"}，邮箱：{d.Email ?? "—"}";

    private void Apply(ProposerDetails details)
    {
        if (details.WhyNot() is { } problem)
        {
            throw new ArgumentException(problem, nameof(details));
        }

        var d = details.Normalized();
        (Name, Body, Term, Group, Unit, Mobile, OfficePhone, Address, Email) =
            (d.Name, d.Body, d.Term, d.Group, d.Unit, d.Mobile, d.OfficePhone, d.Address, d.Email);
    }
}

/// <summary>Names as typed in forms and lists, and how they are matched against the registry.</summary>
public static class ProposerNames
{
    private static readonly char[] Separators = ['、', '，', ',', '；', ';'];

    /// <summary>A name without surrounding or inner white space (全角 spaces included): "李 春闻" is "李春闻".</summary>
    public static string Normalize(string? name) =>
        new((name ?? string.Empty).Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>The names of a "张三、李四" list, in order, each once.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        (text ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Normalize).Where(n => n.Length > 0).Distinct().ToList();

    /// <summary>The body whose people raise items of this kind: deputies raise suggestions, members proposals.</summary>
    public static ProposerBody BodyOf(ProposalKind kind) => kind == ProposalKind.Suggestion ? ProposerBody.Deputy : ProposerBody.Member;

    public static string ToChinese(this ProposerBody body) => body == ProposerBody.Deputy ? "代表" : "委员";

    /// <summary>What the group is called in this body: 代表团 for deputies, 界别 for members.</summary>
    public static string GroupLabel(this ProposerBody body) => body == ProposerBody.Deputy ? "代表团" : "界别";

    /// <summary>
    /// The entry an item's proposer of this name is linked to: the one entry of that name in the body that raises such
    /// items. None when there is no such entry, or when several share the name (the Office merges or tells them
    /// apart first): a guess would show one person's phone on another's item.
    /// </summary>
    public static int? Match(string name, ProposerBody body, IEnumerable<(int Id, string Name, ProposerBody Body)> entries)
    {
        var normalized = Normalize(name);
        var found = entries.Where(e => e.Body == body && e.Name == normalized).Select(e => e.Id).Distinct().Take(2).ToList();
        return found.Count == 1 ? found[0] : null;
    }
}
