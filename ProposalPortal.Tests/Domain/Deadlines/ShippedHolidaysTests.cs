using ProposalPortal.Data.Seed;
using ProposalPortal.Domain.Deadlines;

namespace ProposalPortal.Tests.Domain.Deadlines;

public sealed class ShippedHolidaysTests : IDisposable
{
    private static readonly IReadOnlyList<CalendarDay> Days = ShippedHolidays.Load();
    private static readonly DateOnly NewYear2023EveEntry = new(2022, 12, 31);
    private readonly string _tempFile = Path.GetTempFileName();

    public void Dispose() => File.Delete(_tempFile);

    // The notice a date belongs to: 2022-12-31 is the first day of the 2023 元旦 break.
    private static int NoticeYear(CalendarDay d) => d.Date == NewYear2023EveEntry ? 2023 : d.Date.Year;

    [Fact]
    public void Load_DefaultPath_FindsTheFileCopiedNextToTheBuild()
    {
        Assert.True(File.Exists(ShippedHolidays.DefaultPath));
        Assert.NotEmpty(Days);
    }

    [Fact]
    public void Notice2022_Has31HolidaysAnd7MakeUpDays()
    {
        var notice2022 = Days.Where(d => NoticeYear(d) == 2022).ToList();

        Assert.Equal(31, notice2022.Count(d => d.Kind == CalendarDayKind.Holiday));
        Assert.Equal(7, notice2022.Count(d => d.Kind == CalendarDayKind.MakeUpWorkday));
    }

    [Theory]
    [InlineData(2021, 31, 7)]
    [InlineData(2022, 31, 7)]
    [InlineData(2023, 27, 7)]
    [InlineData(2024, 30, 8)]
    [InlineData(2025, 28, 5)]
    public void EachNotice_HasTheExpectedCounts(int year, int holidays, int makeUpDays)
    {
        var notice = Days.Where(d => NoticeYear(d) == year).ToList();

        Assert.Equal(holidays, notice.Count(d => d.Kind == CalendarDayKind.Holiday));
        Assert.Equal(makeUpDays, notice.Count(d => d.Kind == CalendarDayKind.MakeUpWorkday));
    }

    [Fact]
    public void Dec31Of2022_IsTheNewYearHolidayOfThe2023Notice()
    {
        var entry = Assert.Single(Days, d => d.Date == NewYear2023EveEntry);

        Assert.Equal(CalendarDayKind.Holiday, entry.Kind);
        Assert.Equal("元旦", entry.Name);
    }

    [Fact]
    public void AllEntries_BelongToNotices2021To2025()
    {
        Assert.All(Days, d => Assert.InRange(NoticeYear(d), 2021, 2025));
        Assert.All(Days, d => Assert.InRange(d.Date.Year, 2021, 2025));
    }

    [Fact]
    public void EveryMakeUpDay_FallsOnAWeekend()
    {
        Assert.All(Days.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday),
            d => Assert.True(d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, d.Date.ToString("O", null)));
    }

    [Fact]
    public void Entries_AreUniqueByDate_AndNamed()
    {
        Assert.Equal(Days.Count, Days.Select(d => d.Date).Distinct().Count());
        Assert.All(Days, d => Assert.False(string.IsNullOrWhiteSpace(d.Name)));
    }

    [Fact]
    public void Calendar_FromShippedData_HasDataFor2021To2025Only()
    {
        var cal = new WorkingDayCalendar(Days);

        Assert.All(Enumerable.Range(2021, 5), y => Assert.True(cal.HasDataFor(y)));
        Assert.False(cal.HasDataFor(2020));
        Assert.False(cal.HasDataFor(2026));
    }

    [Fact]
    public void Calendar_FromShippedData_KnowsNationalDay2022AndItsMakeUpSaturday()
    {
        var cal = new WorkingDayCalendar(Days);

        Assert.False(cal.IsWorkingDay(new DateOnly(2022, 10, 7)));
        Assert.True(cal.IsWorkingDay(new DateOnly(2022, 10, 8)));
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => ShippedHolidays.Load(Path.Combine(Path.GetTempPath(), "no-such-holidays.json")));
    }

    [Fact]
    public void Load_BareArray_IsAccepted()
    {
        File.WriteAllText(_tempFile, """[{"date":"2026-01-01","kind":"Holiday","name":"元旦"}]""");

        var day = Assert.Single(ShippedHolidays.Load(_tempFile));

        Assert.Equal(new CalendarDay(new DateOnly(2026, 1, 1), CalendarDayKind.Holiday, "元旦"), day);
    }

    [Theory]
    [InlineData("""{"days":[{"date":"2026-01-01","kind":"Vacation","name":"元旦"}]}""")]
    [InlineData("""{"days":[{"date":"2026-01-01","kind":"0","name":"元旦"}]}""")]
    [InlineData("""{"days":[{"date":"2026/01/01","kind":"Holiday","name":"元旦"}]}""")]
    [InlineData("""{"days":[{"date":"2026-01-01","kind":"Holiday"}]}""")]
    [InlineData("""{"source":"x"}""")]
    public void Load_MalformedEntry_ThrowsInvalidData(string json)
    {
        File.WriteAllText(_tempFile, json);

        Assert.Throws<InvalidDataException>(() => ShippedHolidays.Load(_tempFile));
    }
}
