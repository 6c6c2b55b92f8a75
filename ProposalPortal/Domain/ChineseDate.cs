using System.Globalization;

namespace ProposalPortal.Domain;

/// <summary>Dates as Chinese texts write them: 2022年8月22日, no leading zeros.</summary>
public static class ChineseDate
{
    public static string Format(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");
}
