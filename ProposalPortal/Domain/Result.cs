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
    private Result(T? value, string? error, RefusalKind kind) => (Value, Error, Kind) = (value, error, kind);

    /// <summary>What the call brought back; default when refused.</summary>
    public T? Value { get; }

    public string? Error { get; }

    /// <summary>
    /// What sort of refusal this is, for a caller that must answer in HTTP terms (an endpoint serving a file); pages
    /// show <see cref="Error"/> alone. <see cref="RefusalKind.Rule"/> unless the refusing code said otherwise.
    /// </summary>
    public RefusalKind Kind { get; }

    public bool IsOk => Error is null;

    public static Result<T> Ok(T value) => new(value, null, RefusalKind.Rule);

    public static Result<T> Refused(string chineseReason, RefusalKind kind = RefusalKind.Rule) => new(default, chineseReason, kind);

    /// <summary>Drops the value: the outcome alone.</summary>
    public Result WithoutValue => new(Error);

    /// <summary>Lets a caller write <c>var (file, error) = await …</c>.</summary>
    public void Deconstruct(out T? value, out string? error) => (value, error) = (Value, Error);

    public static implicit operator Result<T>(Result refused) => refused.IsOk
        ? throw new InvalidOperationException("A successful Result carries no value: use Result<T>.Ok(value).")
        : Refused(refused.Error!);

    public override string ToString() => Error ?? $"成功：{Value}";
}

/// <summary>Why something was refused, in the few sorts an endpoint tells apart (each its own HTTP status there).</summary>
public enum RefusalKind
{
    /// <summary>A rule says no to this request as it stands (the default).</summary>
    Rule,

    /// <summary>This actor may not do it at all.</summary>
    NotAllowed,

    /// <summary>There is no such thing, or the actor may not see it.</summary>
    NotFound,

    /// <summary>What is stored stands in the way (say, a key that is no longer kept).</summary>
    Conflict,
}
