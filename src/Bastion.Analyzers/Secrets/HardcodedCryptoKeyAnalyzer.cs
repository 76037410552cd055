using System.Collections.Generic;
using System.Collections.Immutable;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Secrets;

/// <summary>BST1006: a constant reaches a cryptographic key or IV — <c>SymmetricAlgorithm.Key</c>/<c>IV</c>,
/// <c>KeyedHashAlgorithm.Key</c>, <c>CreateEncryptor(key, iv)</c>, the <c>key</c> of <c>AesGcm</c>, <c>AesCcm</c>,
/// <c>ChaCha20Poly1305</c>, <c>HMACSHA256</c> and the like — through locals, fields, properties, methods and
/// parameters of this compilation, whatever the variables are called.</summary>
public sealed class HardcodedCryptoKeyAnalyzer : BastionAnalyzer
{
    /// <summary>Set when the finding sits on a byte-array constant the fix can replace with a configured base64 value.</summary>
    public const string ReplaceableKeyProperty = "ReplaceableKey";

    internal static readonly ImmutableArray<string> OptionNames = ImmutableArray.Create(HardcodedCredentialAnalyzer.ReportInTestProjectsOption);

    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.HardcodedCryptoKey,
        title: "Hard-coded cryptographic key or IV",
        messageFormat: "A hard-coded value ({0}) is used as the {1} of {2}; load keys from a key store or configuration",
        RuleLevel.BuildWarning,
        description: "A cryptographic key or initialization vector comes from a constant in the code. Anyone with the " +
            "assembly can decrypt or forge what it protects, and the key cannot be rotated without a release. A fixed IV " +
            "also breaks the confidentiality of CBC and the security of counter modes.",
        cwes: new[] { 321, 329 });

    protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var sinks = new CryptoKeySinks(start.Compilation);
            if (!HardcodedCredentialAnalyzer.RunsIn(start.Compilation, start.Options, Rule.Id))
            {
                return;
            }

            var byteArray = start.Compilation.CreateArrayTypeSymbol(start.Compilation.GetSpecialType(SpecialType.System_Byte));
            new ConstantSinkAnalysis(start.Compilation, sinks, (source, sink, location, additional, place) =>
            {
                var properties = ImmutableDictionary<string, string?>.Empty;
                if (place != ConstantOrigin.Elsewhere && source.Origin is IArrayCreationOperation or IInvocationOperation &&
                    SymbolEqualityComparer.Default.Equals(source.Origin!.Type, byteArray))
                {
                    properties = ConstantSinkAnalysis.FixProperties(place, KeyName(source.Origin, sink)).Add(ReplaceableKeyProperty, "true");
                }

                return Diagnostic.Create(Rule, location, additional, properties, ConstantSinkAnalysis.Describe(source.Origin!), CryptoKeySinks.Role(sink), CryptoKeySinks.Describe(sink));
            }, deferCalls: TaintLimits.DefersCallGraphSearch(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions)).Register(start);
        });
    }

    /// <summary>The name a fix gives the configured key: the variable the constant is stored in, else the role.</summary>
    private static string KeyName(IOperation origin, IOperation sink) =>
        CredentialTargets.NameGivenTo(origin) is { } name && origin.Parent is not (IArgumentOperation or ISimpleAssignmentOperation)
            ? name
            : CryptoKeySinks.Role(sink) == "IV" ? "EncryptionIv" : "EncryptionKey";

    private sealed class CryptoKeySinks : ISinkCatalog
    {
        private static readonly HashSet<string> KeyParameterNames = StringSet.Of("key", "rgbKey", "rgbIV", "iv", "IV");

        // Looked up when a Key or IV property is assigned, not at compilation start (LazyType says why): every .NET
        // compilation references System.Security.Cryptography, so a check for it at start would spare no compilation.
        private readonly LazyType symmetricAlgorithm;
        private readonly LazyType keyedHashAlgorithm;

        public CryptoKeySinks(Compilation compilation)
        {
            symmetricAlgorithm = new LazyType(compilation, "System.Security.Cryptography.SymmetricAlgorithm");
            keyedHashAlgorithm = new LazyType(compilation, "System.Security.Cryptography.KeyedHashAlgorithm");
        }

        public bool SinksInStrings => false;

        public void CollectSinkValues(IOperation operation, List<IOperation> values)
        {
            switch (operation)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "Key" or "IV" } property } } assignment
                    when SymbolFacts.DerivesFrom(property.ContainingType, symmetricAlgorithm.Value) || SymbolFacts.DerivesFrom(property.ContainingType, keyedHashAlgorithm.Value):
                    values.Add(assignment.Value);
                    break;
                case IInvocationOperation or IObjectCreationOperation:
                    // The parameter names first: this runs for every call and creation, and few pass a "key" or "iv".
                    var (target, arguments) = ConstantFlowEngine.Call(operation);
                    if (target is null)
                    {
                        break;
                    }

                    var namespaceChecked = false;
                    foreach (var argument in arguments)
                    {
                        if (argument.Parameter is { } parameter && argument.ArgumentKind == ArgumentKind.Explicit && KeyParameterNames.Contains(parameter.Name))
                        {
                            if (!namespaceChecked && !IsCryptographyApi(target))
                            {
                                break;
                            }

                            namespaceChecked = true;
                            values.Add(argument.Value);
                        }
                    }

                    break;
            }
        }

        /// <summary>"key" or "IV", from the property or parameter the value is given to.</summary>
        public static string Role(IOperation sinkValue) => sinkValue.Parent switch
        {
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "IV" } } => "IV",
            IArgumentOperation { Parameter.Name: "iv" or "IV" or "rgbIV" } => "IV",
            _ => "key",
        };

        public static string Describe(IOperation sinkValue) => sinkValue.Parent switch
        {
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } => (property.Instance?.Type ?? property.Property.ContainingType).Name + "." + property.Property.Name,
            IArgumentOperation { Parent: IObjectCreationOperation creation } => creation.Constructor?.ContainingType.Name ?? "a constructor",
            IArgumentOperation { Parent: IInvocationOperation invocation } => invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name,
            _ => "a cryptographic API",
        };

        /// <summary>System.Security.Cryptography (and nested) or Microsoft.IdentityModel.Tokens; runs on every call in
        /// the compilation, so it compares namespace names without building strings.</summary>
        private static bool IsCryptographyApi(IMethodSymbol method)
        {
            for (var ns = method.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            {
                if (ns.Name == "Cryptography" && ns.ContainingNamespace is { Name: "Security", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
                {
                    return true;
                }

                if (ns.Name == "Tokens" && ns.ContainingNamespace is { Name: "IdentityModel", ContainingNamespace: { Name: "Microsoft", ContainingNamespace.IsGlobalNamespace: true } })
                {
                    return true;
                }
            }

            return false;
        }
    }
}
