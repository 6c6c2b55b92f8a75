using System.Globalization;
using System.Text.RegularExpressions;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Features.Import;

/// <summary>One row of the list as the preview shows it: what it says, what it will register, and what is wrong with it.</summary>
public sealed record ImportRow(
    int Line,
    string Source,
    string Session,
    string Number,
    string Title,
    string Proposers,
    string Role,
    DateOnly? AssignedOn,
    DateOnly? ExplicitDeadline,
    bool IsKey,
    ProposalRegistration? Registration,
    IReadOnlyList<string> Problems)
{
    /// <summary>The same item (届次, 编号 and 标题) is already registered: an earlier import of the same list. Skipped, not a problem.</summary>
    public bool AlreadyRegistered { get; init; }

    /// <summary>The 五定 the row's 承办科室 and 承办人 name (<see cref="ResponsibilityColumns"/>); null when it names none.</summary>
    public ImportedResponsibility? Responsibility { get; init; }

    public bool IsClean => Problems.Count == 0;
}

/// <summary>The preview of a whole list: problems of the file itself, and every row with its problems.</summary>
public sealed record ImportPreview(string FileName, IReadOnlyList<string> FileProblems, IReadOnlyList<ImportRow> Rows)
{
    public bool IsClean => FileProblems.Count == 0 && Rows.All(r => r.IsClean);

    public int ProblemCount => FileProblems.Count + Rows.Sum(r => r.Problems.Count);

    /// <summary>Rows that the import would add (clean and not yet registered).</summary>
    public IReadOnlyList<ImportRow> NewRows => Rows.Where(r => r.IsClean && !r.AlreadyRegistered).ToList();

    public int AlreadyRegisteredCount => Rows.Count(r => r.AlreadyRegistered);

    public static ImportPreview Refused(string fileName, string problem) => new(fileName, [problem], []);
}

/// <summary>
/// The assignment list's (交办清单) columns and how each cell is read. The column headers may come in any order;
/// every problem is worded in Chinese for the Office.
/// </summary>
public static partial class AssignmentList
{
    public const string Year = "年度";
    public const string Source = "来源";
    public const string Session = "届次";
    public const string Number = "编号";
    public const string Title = "标题";
    public const string Proposers = "提出人";
    public const string Role = "承办方式";
    public const string LeadUnit = "主办单位";
    public const string CoUnits = "协办单位";
    public const string AssignedOn = "交办日期";
    public const string Deadline = "办理时限";
    public const string IsKey = "是否重点";
    public const string Content = "内容";

    /// <summary>Every column, in the template's order.</summary>
    public static readonly IReadOnlyList<string> Columns =
        [Year, Source, Session, Number, Title, Proposers, Role, LeadUnit, CoUnits, AssignedOn, Deadline, IsKey, Content];

    /// <summary>Headers of earlier templates, read as today's column so that lists filled in before still import.</summary>
    private static readonly Dictionary<string, string> EarlierHeaders = new() { ["办理方式"] = Role };

    private static readonly char[] NameSeparators = ['、', '，', ',', '；', ';'];

    /// <summary>
    /// How long each cell may be: the item's columns as the database holds them (ProposalConfiguration), the others
    /// generously above anything valid. Only 内容 may hold several lines.
    /// </summary>
    private static readonly Dictionary<string, int> MaxLengths = new()
    {
        [Year] = 10, [Source] = 20, [Session] = 64, [Number] = 20, [Title] = 300, [Proposers] = 500, [Role] = 10,
        [LeadUnit] = 200, [CoUnits] = 500, [AssignedOn] = 30, [Deadline] = 30, [IsKey] = 10, [Content] = TextRules.LongTextMaxLength,
    };

    /// <summary>The most one proposer's name may be (the database's Proposer.Name).</summary>
    private const int ProposerNameMaxLength = 50;

    /// <summary>
    /// Reads every row. <paramref name="registered"/> holds the items already in the portal by (届次, 编号) with their
    /// titles: the same item again is marked as already registered, another item under that number is a problem.
    /// </summary>
    public static ImportPreview Parse(string fileName, SpreadsheetTable table, IReadOnlyDictionary<(string Session, int Number), string> registered)
    {
        var index = new Dictionary<string, int>();
        var fileProblems = new List<string>();
        for (var i = 0; i < table.Headers.Count; i++)
        {
            var header = Normalize(table.Headers[i]);
            header = EarlierHeaders.GetValueOrDefault(header, header);
            if (header.Length == 0)
            {
                continue;
            }

            if (!index.TryAdd(header, i) && Columns.Contains(header))
            {
                fileProblems.Add($"列“{header}”出现了不止一次");
            }
        }

        var missing = Columns.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            fileProblems.Add($"缺少列：{string.Join("、", missing)}（第1行须为列标题，可下载模板对照）");
        }

        if (fileProblems.Count > 0)
        {
            return new ImportPreview(fileName, fileProblems, []);
        }

        if (table.Rows.Count == 0)
        {
            return new ImportPreview(fileName, ["文件中没有数据行"], []);
        }

        var firstLineOf = new Dictionary<(string, int), int>();
        var rows = new List<ImportRow>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            string Cell(string column) => row.Cell(index[column]).Trim();
            rows.Add(ParseRow(row.Line, Cell, registered, firstLineOf));
        }

        return new ImportPreview(fileName, [], rows);
    }

    private static ImportRow ParseRow(int line, Func<string, string> cell,
        IReadOnlyDictionary<(string Session, int Number), string> registered, Dictionary<(string, int), int> firstLineOf)
    {
        // Control characters and overlong text first, naming row and column: one U+0001 in a stored title once broke
        // the year's .xlsx export for everyone.
        var problems = Columns
            .Select(column => TextRules.WhyNotInCell(line, column, cell(column), MaxLengths[column], multiline: column == Content))
            .OfType<string>().ToList();

        int? year = null;
        var yearText = cell(Year);
        if (yearText.Length == 0)
        {
            problems.Add("年度为空");
        }
        else if (ParseInteger(yearText.TrimEnd('年')) is { } y && y is >= 2000 and <= 2100)
        {
            year = y;
        }
        else
        {
            problems.Add($"年度“{yearText}”无效，应为如2023的四位年份");
        }

        var sourceText = cell(Source);
        var source = ParseSource(sourceText);
        if (source is null)
        {
            problems.Add(sourceText.Length == 0
                ? "来源为空，应为州人大、州政协、市人大或市政协"
                : $"来源“{sourceText}”无法识别，应为州人大、州政协、市人大或市政协");
        }

        var session = cell(Session);
        if (session.Length == 0)
        {
            problems.Add("届次为空");
        }
        else if (session.Length > 64)
        {
            problems.Add("届次过长（不超过64个字）");
        }

        var numberText = cell(Number);
        var number = ParseInteger(NumberDecoration().Replace(numberText, string.Empty));
        if (numberText.Length == 0)
        {
            problems.Add("编号为空");
        }
        else if (number is not > 0)
        {
            problems.Add($"编号“{numberText}”无效，应为正整数");
            number = null;
        }

        var title = cell(Title);
        if (title.Length == 0)
        {
            problems.Add("标题为空");
        }

        var proposerText = cell(Proposers);
        var names = proposerText.Split(NameSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (names.Count == 0)
        {
            problems.Add("提出人为空");
        }
        else if (names.FirstOrDefault(n => n.Length > ProposerNameMaxLength) is { } longName)
        {
            problems.Add($"第{line}行“{Proposers}”列中的姓名“{longName[..10]}……”过长（每人不超过{ProposerNameMaxLength}个字），多人请用顿号分隔");
        }

        var roleText = cell(Role);
        HandlingRole? role = roleText switch
        {
            "主办" => HandlingRole.Lead,
            "协办" => HandlingRole.Assisting,
            _ => null,
        };
        if (role is null)
        {
            problems.Add(roleText.Length == 0 ? "承办方式为空，应为主办或协办" : $"承办方式“{roleText}”无效，应为主办或协办");
        }

        var leadUnit = cell(LeadUnit);
        if (role == HandlingRole.Assisting && leadUnit.Length == 0)
        {
            problems.Add("协办件须填写主办单位");
        }

        var assignedText = cell(AssignedOn);
        var assigned = ParseDate(assignedText);
        if (assignedText.Length == 0)
        {
            problems.Add("交办日期为空");
        }
        else if (assigned is null)
        {
            problems.Add($"交办日期“{assignedText}”不是有效日期（应如2023-03-15、2023/3/15或2023年3月15日）");
        }

        var deadlineText = cell(Deadline);
        var deadline = ParseDate(deadlineText);
        if (deadlineText.Length > 0 && deadline is null)
        {
            problems.Add($"办理时限“{deadlineText}”不是有效日期（应如2023-06-15、2023/6/15或2023年6月15日；留空则按规则计算）");
        }
        else if (deadline is { } d && assigned is { } a && d <= a)
        {
            problems.Add("办理时限须晚于交办日期");
        }

        var keyText = cell(IsKey);
        bool? isKey = keyText switch
        {
            "" or "否" => false,
            "是" => true,
            _ => null,
        };
        if (isKey is null)
        {
            problems.Add($"是否重点“{keyText}”无效，应为是、否或留空");
        }

        var alreadyRegistered = false;
        if (session.Length > 0 && number is { } n)
        {
            var key = (session, n);
            if (firstLineOf.TryGetValue(key, out var first))
            {
                problems.Add($"与第{first}行重复：同一届次（{session}）的第{n}号出现了两次");
            }
            else
            {
                firstLineOf[key] = line;
                if (registered.TryGetValue(key, out var existingTitle))
                {
                    if (string.Equals(existingTitle.Trim(), title, StringComparison.Ordinal))
                    {
                        alreadyRegistered = true;
                    }
                    else
                    {
                        problems.Add($"{session}第{n}号已经登记为《{existingTitle}》，与本行标题不同");
                    }
                }
            }
        }

        ProposalRegistration? registration = null;
        if (problems.Count == 0)
        {
            registration = new ProposalRegistration(
                year!.Value, source!.Value.Kind, source.Value.Level, session, number!.Value, title,
                NullIfEmpty(cell(Content)), names.Select(name => new Proposer(name)).ToList(), [], assigned!.Value, role!.Value,
                role == HandlingRole.Assisting ? leadUnit : null, NullIfEmpty(cell(CoUnits)), isKey!.Value, null, null, deadline);
        }

        return new ImportRow(line, sourceText, session, numberText, title, string.Join("、", names), roleText, assigned, deadline,
            isKey ?? false, registration, problems)
        {
            AlreadyRegistered = alreadyRegistered && problems.Count == 0,
        };
    }

    /// <summary>州人大 / 州政协 / 市人大 / 市政协, also in their longer forms (州人大代表建议, 市政协委员提案 …).</summary>
    internal static (Level Level, ProposalKind Kind)? ParseSource(string text)
    {
        var t = text.Replace(" ", string.Empty, StringComparison.Ordinal);
        Level? level = t.StartsWith('州') ? Level.Prefecture : t.StartsWith('市') ? Level.City : null;
        ProposalKind? kind = t.Length >= 3 && t[1..].StartsWith("人大", StringComparison.Ordinal) ? ProposalKind.Suggestion
            : t.Length >= 3 && t[1..].StartsWith("政协", StringComparison.Ordinal) ? ProposalKind.Proposal : null;
        if (level is null || kind is null)
        {
            return null;
        }

        var canonical = Labels.SourceName(level.Value, kind.Value);
        string[] accepted = [canonical, canonical + (kind == ProposalKind.Suggestion ? "代表建议" : "委员提案"),
            canonical + (kind == ProposalKind.Suggestion ? "建议" : "提案")];
        return accepted.Contains(t) ? (level.Value, kind.Value) : null;
    }

    /// <summary>2023-03-15, 2023/3/15, 2023.3.15, 2023年3月15日, or an Excel day serial.</summary>
    internal static DateOnly? ParseDate(string text)
    {
        var t = text.Trim();
        if (t.Length == 0)
        {
            return null;
        }

        var match = DatePattern().Match(t);
        if (match.Success)
        {
            var y = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var m = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            var d = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
            return y is >= 1900 and <= 2100 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m) ? new DateOnly(y, m, d) : null;
        }

        // A date cell of Excel arrives as its day serial (45000 = 2023-03-15); a time part, if any, is dropped.
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 20000 and < 80000)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        }

        return null;
    }

    private static int? ParseInteger(string text)
    {
        var t = text.Trim();
        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            return i;
        }

        // Excel may store 11 as "11.0" or "1.1E1".
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && d is > 0 and < int.MaxValue
            ? (int)d
            : null;
    }

    private static string Normalize(string header) =>
        header.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u3000", string.Empty, StringComparison.Ordinal).Trim('*', ' ');

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    [GeneratedRegex(@"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^第|号$")]
    private static partial Regex NumberDecoration();
}
