namespace ProposalPortal.Features.Administration;

/// <summary>The outcome of an administration call that returns something: the value, or the reason (Chinese) it was refused.</summary>
public readonly record struct AdminResult<T>(T? Value, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>Builds <see cref="AdminResult{T}"/>s.</summary>
public static class AdminResult
{
    public static AdminResult<T> Ok<T>(T value) => new(value, null);

    public static AdminResult<T> Refused<T>(string reason) => new(default, reason);
}
