
namespace Bastion.Analyzers.Shared.Formats;

/// <summary>One piece of a token pattern: fixed text, or a run of characters of one class.</summary>
internal readonly struct Segment
{
    public Segment(string literal)
    {
        Literal = literal;
        Class = default;
        Min = Max = literal.Length;
    }

    public Segment(CharClass charClass, int min, int max)
    {
        Literal = null;
        Class = charClass;
        Min = min;
        Max = max;
    }

    public string? Literal { get; }

    public CharClass Class { get; }

    public int Min { get; }

    public int Max { get; }

    public bool IsLiteral => Literal is not null;
}
