using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>The only place descriptors are made (the raw constructor is banned): category, help link, CWE tags
/// and default severity are derived here so that no rule can get them wrong.</summary>
internal static class DiagnosticDescriptorFactory
{
    public const string Category = "Security";
    public const string HelpLinkBase = "https://github.com/bastion-analyzers/bastion/blob/main/docs/rules/";

    public static string HelpLink(string ruleId) => HelpLinkBase + ruleId + ".md";

    /// <summary>The custom tag that carries a rule's security severity, GitHub code scanning's 0–10 scale.</summary>
    public const string SecuritySeverityTagPrefix = "bastion-security-severity:";

    /// <summary>A rule's security severity, as declared with its descriptor (8.0, high, unless the rule says otherwise;
    /// 4.0 for a suggestion-level rule).</summary>
    public static double SecuritySeverity(DiagnosticDescriptor descriptor)
    {
        foreach (var tag in descriptor.CustomTags)
        {
            if (tag.StartsWith(SecuritySeverityTagPrefix, StringComparison.Ordinal) &&
                double.TryParse(tag.Substring(SecuritySeverityTagPrefix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var severity))
            {
                return severity;
            }
        }

        return descriptor.DefaultSeverity == DiagnosticSeverity.Info ? 4.0 : 8.0;
    }

    /// <summary>A diagnostic about Bastion itself (not a rule about the code): no CWE, its own category, and a tag that
    /// keeps it out of the rule catalogue, presets and rule table.</summary>
    public static DiagnosticDescriptor CreateToolDiagnostic(string id, string title, string messageFormat, string description, string tag)
    {
#pragma warning disable RS0030 // The factory is the one sanctioned caller of the constructor.
        return new DiagnosticDescriptor(id, title, messageFormat, "Bastion", DiagnosticSeverity.Warning, isEnabledByDefault: true, description, HelpLink(id), tag);
#pragma warning restore RS0030
    }

    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        RuleLevel level,
        string description,
        int[] cwes,
        double? securitySeverity = null,
        params string[] extraTags)
    {
        if (cwes is null || cwes.Length == 0)
        {
            throw new ArgumentException("Every Bastion rule names at least one CWE.", nameof(cwes));
        }

        var tags = new List<string> { "security" };
        foreach (var cwe in cwes)
        {
            tags.Add("CWE-" + cwe.ToString(CultureInfo.InvariantCulture));
            tags.Add("external/cwe/cwe-" + cwe.ToString(CultureInfo.InvariantCulture));
        }

        tags.AddRange(extraTags);
        if (securitySeverity is { } severity)
        {
            tags.Add(SecuritySeverityTagPrefix + severity.ToString("0.0", CultureInfo.InvariantCulture));
        }

#pragma warning disable RS0030 // The factory is the one sanctioned caller of the constructor.
        return new DiagnosticDescriptor(
            id,
            title,
            messageFormat,
            Category,
            level == RuleLevel.IdeSuggestion ? DiagnosticSeverity.Info : DiagnosticSeverity.Warning,
            isEnabledByDefault: level != RuleLevel.Disabled,
            description,
            HelpLink(id),
            tags.ToArray());
#pragma warning restore RS0030
    }
}
