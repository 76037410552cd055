using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>Typed reader for Bastion's <c>.editorconfig</c>/<c>.globalconfig</c> options. A key is looked up as
/// <c>bastion.&lt;RuleId&gt;.&lt;name&gt;</c> first, then as the family-wide <c>bastion.&lt;name&gt;</c>.</summary>
internal readonly struct RuleOptions
{
    public const string Prefix = "bastion.";

    private readonly AnalyzerConfigOptions? options;
    private readonly string ruleId;

    public RuleOptions(AnalyzerConfigOptions? options, string ruleId)
    {
        this.options = options;
        this.ruleId = ruleId;
    }

    public static string RuleKey(string ruleId, string name) => Prefix + ruleId + "." + name;

    public static string SharedKey(string name) => Prefix + name;

    public string? GetString(string name)
    {
        if (options is null)
        {
            return null;
        }

        if (options.TryGetValue(RuleKey(ruleId, name), out var value) || options.TryGetValue(SharedKey(name), out value))
        {
            value = value.Trim();
            return value.Length == 0 ? null : value;
        }

        return null;
    }

    public bool GetBool(string name, bool defaultValue)
    {
        var value = GetString(name);
        return value is not null && bool.TryParse(value, out var parsed) ? parsed : defaultValue;
    }

    public int GetInt(string name, int defaultValue, int min, int max)
    {
        var value = GetString(name);
        if (value is null || !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            return defaultValue;
        }

        return parsed < min ? min : parsed > max ? max : parsed;
    }

    public double GetDouble(string name, double defaultValue, double min, double max)
    {
        var value = GetString(name);
        if (value is null || !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || double.IsNaN(parsed))
        {
            return defaultValue;
        }

        return parsed < min ? min : parsed > max ? max : parsed;
    }

    /// <summary>A comma- or semicolon-separated list; blanks dropped.</summary>
    public ImmutableArray<string> GetList(string name)
    {
        var value = GetString(name);
        if (value is null)
        {
            return ImmutableArray<string>.Empty;
        }

        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var part in value.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var trimmed = part.Trim();
            if (trimmed.Length > 0)
            {
                builder.Add(trimmed);
            }
        }

        return builder.ToImmutable();
    }
}
