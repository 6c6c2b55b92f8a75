using System.Net;

namespace ProposalPortal.Features.Account;

/// <summary>How many wrong passwords the sign-in form takes, and from whom. Bound from "SignIn".</summary>
public sealed class SignInLimitOptions
{
    public const string SectionName = "SignIn";

    /// <summary>
    /// Wrong passwords for one account from one address within <see cref="WindowMinutes"/>; then that address may not
    /// try that account again until the window has passed. Someone guessing from outside is stopped without locking the
    /// account for its owner at their own desk.
    /// </summary>
    public int FailuresPerAccount { get; set; } = 5;

    /// <summary>Wrong passwords from one address within the window, whatever the accounts; then that address must wait.</summary>
    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>The window the failures are counted in, and how long a lockout lasts, in minutes.</summary>
    public int WindowMinutes { get; set; } = 15;

    /// <summary>
    /// Wrong passwords for one account from all addresses together within the window before the account refuses every
    /// address until the window has passed: the last line against guessing from many addresses at once. Counted in the
    /// window, so one outside address alone (at most <see cref="FailuresPerAccount"/> a window) never reaches it.
    /// </summary>
    public int AccountLockoutFailures { get; set; } = 20;
}

/// <summary>
/// Counts failed sign-ins per address, per account from an address and per account over a sliding window (time from
/// <see cref="TimeProvider"/>), in memory: a restart forgets them, which only gives a guesser a fresh window. It takes
/// the place of Identity's own lockout counter, which never forgets and so let anyone outside keep an account locked.
/// </summary>
public sealed class SignInThrottle(TimeProvider time, Microsoft.Extensions.Options.IOptionsMonitor<SignInLimitOptions> options)
{
    // Beyond this many tracked keys, expired ones are swept on the next failure, so that guesses from many addresses
    // cannot grow the table without end.
    private const int SweepThreshold = 10_000;

    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Why a sign-in from <paramref name="address"/> for <paramref name="userName"/> is not even tried now, or null.</summary>
    public string? WhyRefused(IPAddress? address, string userName)
    {
        var limits = options.CurrentValue;
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (Count(AccountKey(null, userName, everywhere: true), now) >= limits.AccountLockoutFailures)
            {
                return $"该账号登录失败次数过多，已暂时锁定，请{limits.WindowMinutes}分钟后再试。";
            }

            if (Count(AddressKey(address), now) >= limits.FailuresPerAddress
                || Count(AccountKey(address, userName), now) >= limits.FailuresPerAccount)
            {
                return $"登录失败次数过多，请{limits.WindowMinutes}分钟后再试；如忘记密码，请联系系统管理员。";
            }
        }

        return null;
    }

    public void RecordFailure(IPAddress? address, string userName)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_failures.Count > SweepThreshold)
            {
                foreach (var key in _failures.Keys.ToList())
                {
                    _ = Count(key, now);
                }
            }

            Add(AddressKey(address), now);
            Add(AccountKey(address, userName), now);
            Add(AccountKey(null, userName, everywhere: true), now);
        }
    }

    /// <summary>A successful sign-in clears that account's count from that address (the address's own count stays).</summary>
    public void RecordSuccess(IPAddress? address, string userName)
    {
        lock (_lock)
        {
            _failures.Remove(AccountKey(address, userName));
        }
    }

    /// <summary>
    /// Whether the account is refused now from everywhere, or from at least one address, because of wrong passwords: the
    /// Staff page shows it so the administrator knows why someone cannot sign in.
    /// </summary>
    public bool IsHeld(string userName)
    {
        var limits = options.CurrentValue;
        var now = time.GetUtcNow();
        var prefix = AccountPrefix(userName);
        lock (_lock)
        {
            foreach (var key in _failures.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                var limit = key.EndsWith("|*", StringComparison.Ordinal) ? limits.AccountLockoutFailures : limits.FailuresPerAccount;
                if (Count(key, now) >= limit)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The administrator's 解锁: forgets the account's counts from every address and from all together, so its owner can
    /// sign in at once from anywhere. The addresses' own counts stay: they guard against guessing many accounts.
    /// </summary>
    public void ClearAccount(string userName)
    {
        var prefix = AccountPrefix(userName);
        lock (_lock)
        {
            foreach (var key in _failures.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                _failures.Remove(key);
            }
        }
    }

    private int Count(string key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var times))
        {
            return 0;
        }

        var since = now - TimeSpan.FromMinutes(options.CurrentValue.WindowMinutes);
        while (times.Count > 0 && times.Peek() <= since)
        {
            times.Dequeue();
        }

        if (times.Count == 0)
        {
            _failures.Remove(key);
        }

        return times.Count;
    }

    private void Add(string key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var times))
        {
            _failures[key] = times = new Queue<DateTimeOffset>();
        }

        times.Enqueue(now);
    }

    private static string AddressKey(IPAddress? address) => "a:" + (address?.ToString() ?? "unknown");

    private static string AccountKey(IPAddress? address, string userName, bool everywhere = false) =>
        AccountPrefix(userName) + (everywhere ? "*" : address?.ToString() ?? "unknown");

    private static string AccountPrefix(string userName) => "u:" + userName.Trim().ToUpperInvariant() + "|";
}
