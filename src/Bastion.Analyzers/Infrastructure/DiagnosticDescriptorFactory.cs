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
