namespace ProposalPortal.Benchmarks;

/// <summary>The shape of the synthetic database and the fixed "now" every run uses.</summary>
public static class BenchmarkSettings
{
    /// <summary>Items in the synthetic database.</summary>
    public const int Items = 100_000;

    /// <summary>Sections (承办科室) in the synthetic organisation.</summary>
    public const int Sections = 60;

    public const int FirstYear = 2017;

    public const int Years = 10;

    /// <summary>The newest year: spread over every state; the older years are mostly closed.</summary>
    public const int CurrentYear = FirstYear + Years - 1;

    /// <summary>
    /// "Now" for the generator and for the services: 2026-11-20 10:00 in Asia/Shanghai. Fixed, so that "overdue"
    /// and "due soon" select the same rows on every run, whatever day the benchmark is run on.
    /// </summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Seed of the generator's <see cref="Random"/>: the same database on every machine.</summary>
    public const int Seed = 20_261_120;

    /// <summary>Items per SaveChanges (each batch on a fresh DbContext).</summary>
    public const int BatchSize = 2_000;

    /// <summary>
    /// The host process sets this to the cached database's absolute path; BenchmarkDotNet's child processes inherit
    /// it, so all of them open the same file.
    /// </summary>
    public const string DatabasePathVariable = "PORTAL_BENCH_DB";

    /// <summary>File name of the cached database; bump the version when the generator changes.</summary>
    public const string DatabaseFileName = "portal-100k-v1.db";

    public static string DatabasePath =>
        Environment.GetEnvironmentVariable(DatabasePathVariable) is { Length: > 0 } path
            ? path
            : Path.Combine(Path.GetTempPath(), "proposalportal-benchmarks", DatabaseFileName);

    /// <summary>
    /// A user's pause between two actions in the many-users run: uniform between the bounds of PORTAL_LOAD_THINK_MS
    /// ("min-max" in milliseconds; 1000-3000 unless set). 1–3 s is a user clicking straight through; a clerk reading
    /// the item before the next click pauses 5–15 s.
    /// </summary>
    public static TimeSpan ThinkTime(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var (min, max) = (1000, 3000);
        if (Environment.GetEnvironmentVariable("PORTAL_LOAD_THINK_MS")?.Split('-') is [var low, var high]
            && int.TryParse(low, out var l) && int.TryParse(high, out var h) && 0 <= l && l <= h)
        {
            (min, max) = (l, h);
        }

        return TimeSpan.FromMilliseconds(min + random.Next(max - min + 1));
    }
}

/// <summary>A clock that never moves.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
