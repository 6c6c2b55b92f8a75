namespace ProposalPortal.Domain;

/// <summary>
/// The outcome of anything a user asks the portal to do: done, or refused with the reason in Chinese, ready to show.
/// A refusal has changed nothing. One type for the whole app: workflow steps, administration, sign-in, letters,
/// backups and imports all answer with it (<see cref="Result{T}"/> when something comes back).
/// </summary>
public readonly record struct Result(string? Error)
{
    public static Result Ok => new(null);

    public bool IsOk => Error is null;

    public static Result Refused(string chineseReason) => new(chineseReason);

    public override string ToString() => Error ?? "成功";
}

/// <summary>
/// A <see cref="Result"/> that brings something back when it is done: the value, or the reason (Chinese) it was refused.
/// A refusal converts implicitly, so a method returning <c>Result&lt;T&gt;</c> can <c>return Result.Refused("…")</c>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000:Do not declare static members on generic types",
    Justification = "Result<T>.Ok(value) and Result<T>.Refused(reason) read as what they say at the call site.")]
public readonly record struct Result<T>
{
    private Result(T? value, string? error) => (Value, Error) = (value, error);

    /// <summary>What the call brought back; default when refused.</summary>
    public T? Value { get; }

    public string? Error { get; }

    public bool IsOk => Error is null;

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Refused(string chineseReason) => new(default, chineseReason);

    /// <summary>Drops the value: the outcome alone.</summary>
    public Result WithoutValue => new(Error);

    /// <summary>Lets a caller write <c>var (file, error) = await …</c>.</summary>
    public void Deconstruct(out T? value, out string? error) => (value, error) = (Value, Error);

    public static implicit operator Result<T>(Result refused) => refused.IsOk
        ? throw new InvalidOperationException("A successful Result carries no value: use Result<T>.Ok(value).")
        : Refused(refused.Error!);

    public override string ToString() => Error ?? $"成功:{Value}";
}
