
namespace Bastion.Analyzers.Shared.ConfigurationFiles;

/// <summary>A string value in a configuration file, with the keys leading to it and the exact span of its text.</summary>
internal readonly struct ConfigurationValue
{
    public ConfigurationValue(string path, string key, string value, int start, int length)
    {
        Path = path;
        Key = key;
        Value = value;
        Start = start;
        Length = length;
    }

    /// <summary>The keys from the root joined with <c>:</c>, as .NET configuration names them (<c>ConnectionStrings:Orders</c>).</summary>
    public string Path { get; }

    /// <summary>The innermost key (for an array element, the array's key).</summary>
    public string Key { get; }

    /// <summary>The decoded value (escapes resolved).</summary>
    public string Value { get; }

    /// <summary>Where the value's characters start in the file (inside the quotes) and how many there are.</summary>
    public int Start { get; }

    public int Length { get; }
}
