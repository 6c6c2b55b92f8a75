using System.Globalization;
using System.Text.Json;
using ProposalPortal.Domain.Deadlines;

namespace ProposalPortal.Data.Seed;

/// <summary>
/// The State Council holiday notices shipped with the app (Data/Seed/holidays-cn.json, 2021–2025).
/// Later years must be entered by the office; <see cref="WorkingDayCalendar.HasDataFor"/> tells the UI which.
/// </summary>
public static class ShippedHolidays
{
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Data", "Seed", "holidays-cn.json");

    /// <summary>Reads the shipped file, or <paramref name="path"/>, as calendar entries.</summary>
    /// <exception cref="FileNotFoundException">The file is missing (not copied to the output?).</exception>
    /// <exception cref="InvalidDataException">An entry is malformed; the message names it.</exception>
    public static IReadOnlyList<CalendarDay> Load(string? path = null)
    {
        path ??= DefaultPath;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"节假日数据文件不存在：{path}", path);
        }

        using var stream = File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream);

        // The wrapper object carries provenance; a bare array is accepted too so hand-made files stay simple.
        var days = doc.RootElement.ValueKind switch
        {
            JsonValueKind.Array => doc.RootElement,
            JsonValueKind.Object when doc.RootElement.TryGetProperty("days", out var d) && d.ValueKind == JsonValueKind.Array => d,
            _ => throw new InvalidDataException($"{path}: expected an array of days or an object with \"days\""),
        };

        var result = new List<CalendarDay>(days.GetArrayLength());
        var index = 0;
        foreach (var item in days.EnumerateArray())
        {
            result.Add(Parse(item, path, index++));
        }

        return result;
    }

    private static CalendarDay Parse(JsonElement item, string path, int index)
    {
        string Field(string name) =>
            item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()!
                : throw new InvalidDataException($"{path}: days[{index}] has no string \"{name}\"");

        var dateText = Field("date");
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new InvalidDataException($"{path}: days[{index}] date \"{dateText}\" is not yyyy-MM-dd");
        }

        var kindText = Field("kind");
        if (!Enum.TryParse<CalendarDayKind>(kindText, ignoreCase: false, out var kind) || !Enum.IsDefined(kind)
            || int.TryParse(kindText, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            throw new InvalidDataException($"{path}: days[{index}] kind \"{kindText}\" is not Holiday or MakeUpWorkday");
        }

        return new CalendarDay(date, kind, Field("name"));
    }
}
