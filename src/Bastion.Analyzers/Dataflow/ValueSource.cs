using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Where a value comes from, as far as the constant engine could tell: a constant born at <see cref="Origin"/>
/// (a literal, a constant array, <c>Encoding.UTF8.GetBytes("…")</c>), or a parameter of the method being read, either
/// the parameter itself or one of its members (<see cref="Path"/>).</summary>
internal readonly struct ValueSource
{
    private ValueSource(IOperation? origin, IParameterSymbol? parameter, string? path)
    {
        Origin = origin;
        Parameter = parameter;
        Path = path;
    }

    public IOperation? Origin { get; }

    public IParameterSymbol? Parameter { get; }

    /// <summary>For a parameter: null for the parameter's own value (or what it holds, for a container), else the name of the member read from it.</summary>
    public string? Path { get; }

    public bool IsConstant => Origin is not null;

    public bool IsParameter => Parameter is not null;

    public bool IsUnknown => Origin is null && Parameter is null;

    public static ValueSource Unknown => default;

    public static ValueSource Constant(IOperation origin) => new(origin, null, null);

    public static ValueSource FromParameter(IParameterSymbol parameter, string? path = null) => new(null, parameter, path);

    /// <summary>What a parameter's <paramref name="inner"/> path becomes when the value read at <paramref name="outer"/>
    /// is handed on; null when that would be two levels deep (not followed).</summary>
    public static bool TryCompose(string? outer, string? inner, out string? composed)
    {
        composed = outer ?? inner;
        return outer is null || inner is null;
    }
}
