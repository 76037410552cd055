using System;
using System.Collections.Generic;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Shared.Credentials;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Exposure;

/// <summary>Credentials recognised by name in a value about to be logged, with the BST1001 vocabulary: a local,
/// parameter, field or property called like a credential (<c>password</c>, <c>user.ApiKey</c>), an anonymous object's
/// member so named, or a request or configuration entry read with such a key (<c>Request.Form["password"]</c>). The
/// search goes through concatenation, interpolation, <c>string.Format</c>/<c>Concat</c>/<c>Join</c>, <c>ToString()</c>,
/// conversions and conditionals, and stops at any other call: <c>Mask(password)</c>, <c>Hash(password)</c> and
/// <c>password.Length</c> are not the credential.</summary>
internal static class SensitiveValues
{
    private const int MaxDepth = 32;

    public static SensitivePart? Find(IOperation value) => Find(value, 0);

    private static SensitivePart? Find(IOperation operation, int depth)
    {
        if (depth > MaxDepth || TaintEngine.IsTextFreeType(operation.Type) || operation is ILiteralOperation)
        {
            return null;
        }

        depth++;
        switch (operation)
        {
            case IConversionOperation conversion:
                return Find(conversion.Operand, depth);
            case ILocalReferenceOperation local:
                return Named(operation, local.Local.Name, local.Local.Type);
            case IParameterReferenceOperation parameter:
                return Named(operation, parameter.Parameter.Name, parameter.Parameter.Type);
            case IFieldReferenceOperation field:
                return Named(operation, field.Field.Name, field.Field.Type);
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                return KeyNamed(indexer);
            case IPropertyReferenceOperation property:
                return Named(operation, property.Property.Name, property.Property.Type);
            case IBinaryOperation binary:
                return Find(binary.LeftOperand, depth) ?? Find(binary.RightOperand, depth);
            case ICoalesceOperation coalesce:
                return Find(coalesce.Value, depth) ?? Find(coalesce.WhenNull, depth);
            case IConditionalOperation conditional:
                return Find(conditional.WhenTrue, depth) ?? (conditional.WhenFalse is null ? null : Find(conditional.WhenFalse, depth));
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation hole && Find(hole.Expression, depth) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case IArrayCreationOperation { Initializer: { } initializer }:
                foreach (var element in initializer.ElementValues)
                {
                    if (Find(element, depth) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case IAnonymousObjectCreationOperation anonymous:
                foreach (var initializer in anonymous.Initializers)
                {
                    if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation member } assignment &&
                        (Named(assignment.Value, member.Property.Name, assignment.Value.Type ?? member.Property.Type) ?? Find(assignment.Value, depth)) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case IInvocationOperation invocation when IsFormatting(invocation.TargetMethod):
                if (invocation.Instance is { } instance && Find(instance, depth) is { } inInstance)
                {
                    return inInstance;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (Find(argument.Value, depth) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Calls that copy text through unchanged: formatting and joining, <c>ToString()</c>, trimming and casing.</summary>
    private static bool IsFormatting(IMethodSymbol method) =>
        method.Name == "ToString" && method.Parameters.Length == 0 ||
        method.ContainingType?.SpecialType == SpecialType.System_String && method.Name is "Format" or "Concat" or "Join" or "Trim" or "TrimStart" or "TrimEnd" or "ToUpper" or "ToLower" or "ToUpperInvariant" or "ToLowerInvariant" ||
        method.ContainingType is { Name: "StringBuilder" } && method.Name == "ToString";

    private static SensitivePart? Named(IOperation operation, string name, ITypeSymbol? type)
    {
        if (!IsTextLike(type))
        {
            return null;
        }

        if (CredentialNames.Default.IsCredentialName(name))
        {
            return new SensitivePart(operation, "'" + name + "'");
        }

        // A connection string, whatever it is called, that carries a password: a constant, or a local or field whose
        // only value is one (var cs = @"…;Password=…"; … log("…" + cs)).
        if (ConstantText(operation) is { } connectionString && HasPassword(connectionString))
        {
            return new SensitivePart(operation, "'" + name + "', a connection string with its password,");
        }

        // A constant, whatever it is called, that holds a token of a known vendor format.
        if (operation.ConstantValue is { HasValue: true, Value: string text })
        {
            List<Shared.Formats.TokenMatch>? matches = null;
            Shared.Formats.TokenScanner.Default.FindAll(text, ref matches, maxMatches: 1);
            if (matches is { Count: > 0 })
            {
                return new SensitivePart(operation, "'" + name + "', a hard-coded " + matches[0].Format.Description + ",");
            }
        }

        return null;
    }

    /// <summary>The text a reference always holds: its constant value, or the string literal that initializes a local
    /// or a readonly field nothing else assigns.</summary>
    private static string? ConstantText(IOperation operation)
    {
        if (operation.ConstantValue is { HasValue: true, Value: string constant })
        {
            return constant;
        }

        var (symbol, assignable) = operation switch
        {
            ILocalReferenceOperation local => ((ISymbol)local.Local, true),
            IFieldReferenceOperation { Field.IsReadOnly: true } field => (field.Field, false),
            _ => (null, false),
        };
        if (symbol is null || symbol.DeclaringSyntaxReferences.Length != 1 ||
            symbol.DeclaringSyntaxReferences[0].GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax
            {
                Initializer.Value: Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax literal,
            } declarator ||
            !literal.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StringLiteralExpression))
        {
            return null;
        }

        // A local assigned again in its member may hold something else by now.
        if (assignable && Infrastructure.SingleAssignment.InitializerOf(declarator, declarator.Parent?.Parent?.Parent?.Parent) is null)
        {
            return null;
        }

        return literal.Token.ValueText;
    }

    private static bool HasPassword(string text)
    {
        if (text.IndexOf('=') < 0 && text.IndexOf('@') < 0)
        {
            return false;
        }

        var parts = new List<CredentialPart>();
        ConnectionStringScanner.Scan(text, parts);
        foreach (var part in parts)
        {
            if (part.Kind == CredentialPartKind.Secret)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>Request.Form["password"]</c>, <c>configuration["Jwt:SigningKey"]</c>: the key names a credential.</summary>
    private static SensitivePart? KeyNamed(IPropertyReferenceOperation indexer)
    {
        if (indexer.Arguments.Length != 1 || indexer.Arguments[0].Value.ConstantValue is not { HasValue: true, Value: string key } || !IsTextLike(indexer.Type) && indexer.Type?.Name != "StringValues")
        {
            return null;
        }

        var last = key;
        var separator = Math.Max(key.LastIndexOf(':'), key.LastIndexOf("__", StringComparison.Ordinal));
        if (separator >= 0 && separator + 1 < key.Length)
        {
            last = key.Substring(key[separator] == '_' ? separator + 2 : separator + 1);
        }

        return CredentialNames.Default.IsCredentialName(last) || key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
            ? new SensitivePart(indexer, "'" + key + "'")
            : null;
    }

    /// <summary>Types whose text a log shows: strings, character buffers, builders, and header values.</summary>
    internal static bool IsTextLike(ITypeSymbol? type) => type switch
    {
        null => false,
        { SpecialType: SpecialType.System_String } => true,
        IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Char } => true,
        INamedTypeSymbol { Name: "StringBuilder" or "StringValues" } => true,
        INamedTypeSymbol { Name: "ReadOnlySpan" or "Span" or "ReadOnlyMemory" or "Memory", TypeArguments.Length: 1 } span => span.TypeArguments[0].SpecialType == SpecialType.System_Char,
        _ => false,
    };

    /// <summary>A credential-named public property of an object that a log writes member by member: with destructuring
    /// (<c>{@User}</c> in Serilog and Microsoft.Extensions.Logging templates) or as a record (whose <c>ToString()</c>
    /// lists its properties). Properties marked to be left out (<c>[NotLogged]</c>, <c>[LogMasked]</c>,
    /// <c>[JsonIgnore]</c>, <c>[SensitiveData]</c>, <c>[PersonalData]</c>, <c>[Redacted]</c>…) are not.</summary>
    public static string? CredentialMember(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named || named.SpecialType != SpecialType.None || named.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return null;
        }

        for (var current = named; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol { DeclaredAccessibility: Accessibility.Public, IsStatic: false, IsIndexer: false, GetMethod: not null } property &&
                    IsTextLike(property.Type) && CredentialNames.Default.IsCredentialName(property.Name) && !IsLeftOut(property))
                {
                    return property.Name;
                }
            }
        }

        return null;
    }

    private static bool IsLeftOut(IPropertySymbol property)
    {
        foreach (var attribute in property.GetAttributes())
        {
            var name = attribute.AttributeClass?.Name ?? string.Empty;
            if (name.StartsWith("NotLogged", StringComparison.Ordinal) || name.StartsWith("LogMasked", StringComparison.Ordinal) ||
                name.StartsWith("JsonIgnore", StringComparison.Ordinal) || name.StartsWith("SensitiveData", StringComparison.Ordinal) ||
                name.StartsWith("PersonalData", StringComparison.Ordinal) || name.StartsWith("Redacted", StringComparison.Ordinal) ||
                name.StartsWith("LogIgnore", StringComparison.Ordinal) || name.StartsWith("IgnoreDataMember", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether hole <paramref name="index"/> of a message template destructures its argument (<c>{@User}</c>).</summary>
    public static bool IsDestructured(string template, int index)
    {
        var holes = MessageTemplate.Holes(template);
        return index < holes.Count && holes[index].Length > 1 && template[holes[index].Start + 1] == '@';
    }
}
