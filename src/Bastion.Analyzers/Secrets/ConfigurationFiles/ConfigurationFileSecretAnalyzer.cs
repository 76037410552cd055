using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Secrets;
using Bastion.Analyzers.Shared.ConfigurationFiles;
using Bastion.Analyzers.Shared.Credentials;
using Bastion.Analyzers.Shared.Formats;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Bastion.Analyzers.Secrets.ConfigurationFiles;

/// <summary>BST1101/BST1102: a secret in a JSON (<c>appsettings*.json</c>, <c>launchSettings.json</c>) or XML
/// (<c>web.config</c>, <c>app.config</c>, <c>*.config</c>) configuration file, handed to the compiler as an
/// additional file by Bastion's package; BST1103: the same in a development or test configuration file, at a lower
/// severity. What counts as a secret is what counts in code: known token formats (BST1003's catalogue), passwords in
/// connection strings (BST1002's scanner), and values under credential-named keys (BST1001's vocabulary).</summary>
[NoCodeFix("dotnet format and the IDE's code fixes only edit C# documents; the doc pages show how to move the value to user secrets, environment variables or a vault.")]
public sealed class ConfigurationFileSecretAnalyzer : BastionAnalyzer
{
    /// <summary>Set by Bastion's targets on the additional files it adds (and on BastionConfigurationFile items).</summary>
    public const string ConfigurationFileMetadata = "build_metadata.AdditionalFiles.BastionConfigurationFile";

    internal const string DevelopmentMarkersOption = "development_file_markers";

    internal static readonly ImmutableArray<string> OptionNames = ImmutableArray.Create(DevelopmentMarkersOption);

    private const string MessageFormat = "'{0}' in {1} holds {2} ({3}); keep it in user secrets, environment variables or a vault";

    internal static readonly DiagnosticDescriptor JsonRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.SecretInJsonConfiguration,
        title: "Secret in a JSON configuration file",
        messageFormat: MessageFormat,
        RuleLevel.BuildWarning,
        description: "A password, key or token is committed in appsettings.json, launchSettings.json or another JSON " +
            "configuration file. Whoever can read the repository or the deployed files has it.",
        cwes: new[] { 798, 260 });

    internal static readonly DiagnosticDescriptor XmlRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.SecretInXmlConfiguration,
        title: "Secret in an XML configuration file",
        messageFormat: MessageFormat,
        RuleLevel.BuildWarning,
        description: "A password, machine key, connection-string password or token is committed in web.config, " +
            "app.config or another XML configuration file.",
        cwes: new[] { 798, 260 });

    internal static readonly DiagnosticDescriptor DevelopmentRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.SecretInDevelopmentConfiguration,
        title: "Secret in a development or test configuration file",
        messageFormat: MessageFormat,
        RuleLevel.IdeSuggestion,
        description: "A secret is committed in a development configuration file (appsettings.Development.json) or in a " +
            "test project's configuration. Development secrets leak too, and are often shared with real environments.",
        cwes: new[] { 798, 260 });

    protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(JsonRule, XmlRule, DevelopmentRule);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var isTestProject = ProjectClassifier.Classify(start.Compilation, start.Options.AnalyzerConfigOptionsProvider.GlobalOptions).IsTest;
            start.RegisterAdditionalFileAction(c => AnalyzeFile(c, isTestProject));
        });
    }

    private enum FileKind
    {
        None,
        Json,
        Xml,
    }

    private static void AnalyzeFile(AdditionalFileAnalysisContext context, bool isTestProject)
    {
        var file = context.AdditionalFile;
        var fileOptions = context.Options.AnalyzerConfigOptionsProvider.GetOptions(file);
        var kind = Classify(file.Path, fileOptions);
        if (kind == FileKind.None || file.GetText(context.CancellationToken) is not { } sourceText)
        {
            return;
        }

        var text = sourceText.ToString();
        var fileName = Path.GetFileName(file.Path);
        var options = new RuleOptions(fileOptions, RuleIdentifiers.SecretInDevelopmentConfiguration);
        var rule = isTestProject || IsDevelopmentFile(fileName, options) ? DevelopmentRule : kind == FileKind.Json ? JsonRule : XmlRule;

        void Report(string name, string value, int valueStart, int valueLength, bool rawMatchesValue, Finding finding)
        {
            var secret = value.Substring(finding.Start, finding.Length);
            var start = rawMatchesValue ? valueStart + finding.Start : valueStart;
            var length = rawMatchesValue ? finding.Length : valueLength;
            if (!rawMatchesValue && EscapedText.Locate(text, valueStart, valueLength, value, finding.Start, finding.Length) is { } at)
            {
                // Entities elsewhere in the value (&quot;): the secret itself is written as it is.
                start = at;
                length = secret.Length;
            }

            var span = new TextSpan(start, Math.Max(0, Math.Min(length, text.Length - start)));
            var location = Location.Create(file.Path, span, sourceText.Lines.GetLinePositionSpan(span));
            context.ReportDiagnostic(Diagnostic.Create(rule, location, name, fileName, finding.What, SecretMasker.Mask(secret, finding.PublicPrefix)));
        }

        if (kind == FileKind.Json)
        {
            var values = new List<ConfigurationValue>();
            JsonScanner.Scan(text, values);
            foreach (var value in values)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (Judge(value.Key, value.Value, IsArrayElement(value.Path)) is { } finding)
                {
                    Report(value.Path, value.Value, value.Start, value.Length, value.Length == value.Value.Length, finding);
                }
            }
        }
        else
        {
            var attributes = new List<XmlAttributeValue>();
            XmlScanner.Scan(text, attributes);
            foreach (var attribute in attributes)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var (name, finding) = JudgeXml(attribute);
                if (finding is { } found)
                {
                    Report(name, attribute.Value, attribute.Start, attribute.Length, attribute.Length == attribute.Value.Length, found);
                }
            }
        }
    }

    private static FileKind Classify(string path, AnalyzerConfigOptions options)
    {
        var name = Path.GetFileName(path);
        var declared = options.TryGetValue(ConfigurationFileMetadata, out var flag) && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase);
        if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return declared || name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) ||
                   string.Equals(name, "launchSettings.json", StringComparison.OrdinalIgnoreCase)
                ? FileKind.Json
                : FileKind.None;
        }

        return name.EndsWith(".config", StringComparison.OrdinalIgnoreCase) || (declared && name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            ? FileKind.Xml
            : FileKind.None;
    }

    /// <summary>appsettings.Development.json and the like: a file-name part that names a development environment.</summary>
    private static bool IsDevelopmentFile(string fileName, RuleOptions options)
    {
        var markers = options.GetList(DevelopmentMarkersOption);
        foreach (var marker in markers.IsEmpty ? ImmutableArray.Create("Development") : markers)
        {
            if (fileName.IndexOf("." + marker + ".", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What was found in a value, and where inside it.</summary>
    private readonly struct Finding
    {
        public Finding(string what, int start, int length, int publicPrefix = 0)
        {
            What = what;
            Start = start;
            Length = length;
            PublicPrefix = publicPrefix;
        }

        public string What { get; }

        public int Start { get; }

        public int Length { get; }

        public int PublicPrefix { get; }
    }

    /// <summary>A known token format anywhere; a password in a connection string; any real value under a credential key.</summary>
    private static Finding? Judge(string key, string value, bool isArrayElement = false)
    {
        if (value.Length == 0 || IsReference(value))
        {
            return null;
        }

        var tokens = new List<TokenMatch>(1);
        TokenScanner.Default.FindAll(value, tokens, maxMatches: 1);
        if (tokens.Count > 0)
        {
            var match = tokens[0];
            return new Finding(match.Format.Description, match.Start, match.Length, match.Format.PublicPrefixLength);
        }

        var parts = new List<CredentialPart>();
        ConnectionStringScanner.Scan(value, parts);
        foreach (var part in parts)
        {
            if (part.Kind == CredentialPartKind.Secret)
            {
                return new Finding($"a credential in a connection string ('{part.Key}')", part.ValueStart, part.ValueLength);
            }
        }

        // token, secret, auth alone, and an array of values under a credential key ("Password": ["Use at least 12
        // characters", …]), hold a credential only when the value looks like one.
        if (CredentialNames.Default.IsCredentialName(key) &&
            CredentialValues.Default.ExclusionReason(value, key) is null &&
            (!(isArrayElement || CredentialNames.Default.IsAmbiguous(key)) || CredentialValues.LooksLikeSecret(value)))
        {
            return new Finding("a credential", 0, value.Length);
        }

        return null;
    }

    /// <summary><c>&lt;add key="ApiKey" value="…"/&gt;</c> is judged under its key; <c>machineKey</c> keys unless
    /// generated; every other attribute under its own name.</summary>
    private static (string Name, Finding? Finding) JudgeXml(XmlAttributeValue attribute)
    {
        if (attribute.IsElementText)
        {
            return (attribute.ElementPath, Judge(attribute.Element, attribute.Value));
        }

        if (string.Equals(attribute.Element, "machineKey", StringComparison.OrdinalIgnoreCase) &&
            attribute.Name is "validationKey" or "decryptionKey" &&
            attribute.Value.IndexOf("AutoGenerate", StringComparison.OrdinalIgnoreCase) < 0 && attribute.Value.Length >= 16)
        {
            return ("machineKey/" + attribute.Name, new Finding("a machine key in clear text", 0, attribute.Value.Length));
        }

        if (string.Equals(attribute.Name, "value", StringComparison.OrdinalIgnoreCase) &&
            (attribute.Siblings.TryGetValue("key", out var key) || attribute.Siblings.TryGetValue("name", out key)))
        {
            return (key, Judge(key, attribute.Value));
        }

        var name = attribute.Siblings.TryGetValue("name", out var elementName) && !string.Equals(attribute.Name, "name", StringComparison.OrdinalIgnoreCase)
            ? elementName + "/" + attribute.Name
            : attribute.Element + "/" + attribute.Name;
        return (name, Judge(attribute.Name, attribute.Value));
    }

    /// <summary><c>Services:0</c>: the last segment of the path is an index.</summary>
    private static bool IsArrayElement(string path)
    {
        var colon = path.LastIndexOf(':');
        if (colon < 0 || colon == path.Length - 1)
        {
            return false;
        }

        for (var i = colon + 1; i < path.Length; i++)
        {
            if (!char.IsDigit(path[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Values resolved elsewhere: Key Vault references, <c>${VAR}</c>, <c>%VAR%</c>, <c>#{token}#</c>.</summary>
    private static bool IsReference(string value) =>
        value.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) ||
        value.StartsWith("vault:", StringComparison.OrdinalIgnoreCase) ||
        CredentialValues.IsSubstitution(value.Trim());
}
