namespace DiploSim.Core;

/// <summary>A value or the reason there is none; validation returns it instead of throwing.</summary>
public readonly record struct Result<T>(T? Value, string? Error)
{
    public bool IsOk => Error is null;

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(string error) => new(default, error);
}
