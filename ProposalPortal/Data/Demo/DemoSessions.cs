using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Data.Demo;

/// <summary>
/// The session (届次) a demo item of a year belongs to, named as the real ones are: 市政协十届一次会议,
/// 市人大十届一次会议, 州政协十一届一次会议, 州人大十一届一次会议. The seed places 2022 in the first session of the
/// city's tenth and the prefecture's eleventh terms; a term holds one session a year for five years, so 2021 is the
/// ninth (tenth) term's fifth session and the current year gets the real next session rather than a made-up name.
/// </summary>
public static class DemoSessions
{
    private const int FirstSessionYear = 2022;
    private const int SessionsPerTerm = 5;

    public static string Of(Level level, ProposalKind kind, int year)
    {
        var firstTerm = level == Level.City ? 10 : 11;
        var offset = year - FirstSessionYear;
        var term = firstTerm + (int)Math.Floor(offset / (double)SessionsPerTerm);
        var session = ((offset % SessionsPerTerm) + SessionsPerTerm) % SessionsPerTerm + 1;
        return $"{Labels.SourceName(level, kind)}{Numeral(term)}届{Numeral(session)}次会议";
    }

    /// <summary>1 to 99 in Chinese numerals: 五, 十, 十一, 二十三.</summary>
    private static string Numeral(int n)
    {
        const string digits = "零一二三四五六七八九";
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 99);
        if (n < 10)
        {
            return digits[n].ToString();
        }

        var tens = n / 10 == 1 ? "十" : digits[n / 10] + "十";
        return n % 10 == 0 ? tens : tens + digits[n % 10];
    }
}
