using System.Collections.Generic;
using System.Collections.Immutable;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared.Credentials;
using Bastion.Analyzers.Shared.Formats;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Bastion.Analyzers.Secrets;

/// <summary>BST1002: a password or key written inside a connection string or URI; BST1007: one whose password is
/// empty or a template value nobody filled in. Literals, constant concatenations and interpolations are read as
/// the compiler sees them; a value that runs into non-constant text (<c>"…;Password=" + pwd</c>) is not judged.</summary>
[NoCodeFix("There is no right password to put in: set one on the server and read it from configuration (see the doc page).", RuleId = RuleIdentifiers.EmptyConnectionPassword)]
public sealed class ConnectionStringCredentialAnalyzer : BastionAnalyzer
{
    internal static readonly ImmutableArray<string> OptionNames = ImmutableArray<string>.Empty;

    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.ConnectionStringCredential,
        title: "Credential in a connection string or URI",
        messageFormat: "Connection string or URI contains a credential in '{0}' ({1}); keep the whole connection string in configuration",
        RuleLevel.BuildWarning,
        description: "A password, account key or shared access key is written into a connection string or a URI's " +
            "user-info. Anyone with the code has access to the database or service it opens.",
        cwes: new[] { 798, 259 });

    internal static readonly DiagnosticDescriptor EmptyPasswordRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.EmptyConnectionPassword,
        title: "Empty or unfilled password in a connection string",
        messageFormat: "Connection string or URI has {0} password in '{1}'; the server accepts connections without a real password, or the template was never filled in",
        RuleLevel.IdeSuggestion,
        description: "A connection string or URI sets its password to nothing, or to a template value (<password>, " +
            "your_password, ***) that is never replaced. Either the server accepts an empty password or the value is a mistake.",
        cwes: new[] { 258, 521 });

    protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule, EmptyPasswordRule);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(AnalyzeLiteral, OperationKind.Literal);
        context.RegisterOperationAction(AnalyzeConcatenation, OperationKind.Binary);
        context.RegisterOperationAction(AnalyzeInterpolation, OperationKind.InterpolatedString);
        context.RegisterOperationAction(AnalyzeUtf8Literal, OperationKind.Utf8String);
    }

    /// <summary>A piece of constant text and the syntax it came from; <c>EndIsOpen</c> when non-constant text follows.</summary>
    private readonly struct Piece
    {
        public Piece(string text, SyntaxNode syntax, TextSpan span, bool endIsOpen, List<TextSpan>? fromConstants = null)
        {
            Text = text;
            Syntax = syntax;
            Span = span;
            EndIsOpen = endIsOpen;
            FromConstants = fromConstants;
        }

        /// <summary>Ranges of <see cref="Text"/> that come from named constants, which are reported where declared.</summary>
        public List<TextSpan>? FromConstants { get; }

        public string Text { get; }

        public SyntaxNode Syntax { get; }

        public TextSpan Span { get; }

        public bool EndIsOpen { get; }
    }

    private static void AnalyzeLiteral(OperationAnalysisContext context)
    {
        var literal = (ILiteralOperation)context.Operation;
        if (literal.ConstantValue is not { HasValue: true, Value: string text } || text.Length < 6 || IsInsideConcatenation(literal) ||
            literal.Parent is IInterpolatedStringContentOperation)
        {
            return;
        }

        Report(context, new Piece(text, literal.Syntax, literal.Syntax.Span, endIsOpen: false), literal);
    }

    /// <summary>A UTF-8 literal (<c>"…"u8</c>): the same text, as bytes.</summary>
    private static void AnalyzeUtf8Literal(OperationAnalysisContext context)
    {
        var literal = (IUtf8StringOperation)context.Operation;
        if (literal.Value is { Length: >= 6 } text)
        {
            Report(context, new Piece(text, literal.Syntax, literal.Syntax.Span, endIsOpen: false), literal);
        }
    }

    private static void AnalyzeConcatenation(OperationAnalysisContext context)
    {
        var binary = (IBinaryOperation)context.Operation;
        if (!IsStringConcatenation(binary) || IsInsideConcatenation(binary))
        {
            return;
        }

        var leaves = new List<IOperation>();
        Flatten(binary, leaves);
        for (var i = 0; i < leaves.Count; i++)
        {
            if (leaves[i].ConstantValue is not { HasValue: true, Value: string })
            {
                continue;
            }

            var first = i;
            var text = new System.Text.StringBuilder();
            var fromConstants = new List<TextSpan>();
            while (i < leaves.Count && leaves[i].ConstantValue is { HasValue: true, Value: string part })
            {
                if (leaves[i] is IFieldReferenceOperation or ILocalReferenceOperation && IsReportedWhereDeclared(leaves[i], part))
                {
                    fromConstants.Add(new TextSpan(text.Length, part.Length));
                }

                text.Append(part);
                i++;
            }

            var span = TextSpan.FromBounds(leaves[first].Syntax.SpanStart, leaves[i - 1].Syntax.Span.End);
            var syntax = first == i - 1 ? leaves[first].Syntax : binary.Syntax;
            var isWhole = first == 0 && i == leaves.Count;
            Report(context, new Piece(text.ToString(), syntax, span, endIsOpen: i < leaves.Count, fromConstants), isWhole && first == i - 1 ? leaves[first] : null);
        }
    }

    /// <summary>A named constant whose credential is reported once, where it is declared: by BST1001 for a credential's
    /// name, or here for a connection string of its own. A password held by a constant of another name
    /// (<c>"…;Password=" + Abc</c>) is reported in the connection string it completes.</summary>
    private static bool IsReportedWhereDeclared(IOperation reference, string value)
    {
        var name = reference switch
        {
            IFieldReferenceOperation field => field.Field.Name,
            ILocalReferenceOperation local => local.Local.Name,
            _ => null,
        };
        if (name is not null && CredentialNames.Default.IsCredentialName(name))
        {
            return true;
        }

        var parts = new List<CredentialPart>();
        ConnectionStringScanner.Scan(value, parts);
        return parts.Count > 0;
    }

    private static void AnalyzeInterpolation(OperationAnalysisContext context)
    {
        var interpolation = (IInterpolatedStringOperation)context.Operation;
        if (interpolation.ConstantValue is { HasValue: true, Value: string whole })
        {
            if (!IsInsideConcatenation(interpolation))
            {
                Report(context, new Piece(whole, interpolation.Syntax, interpolation.Syntax.Span, endIsOpen: false), interpolation);
            }

            return;
        }

        var parts = interpolation.Parts;
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string text } } textPart)
            {
                var open = i + 1 < parts.Length;
                Report(context, new Piece(text, textPart.Syntax, textPart.Syntax.Span, open), null);
            }
        }
    }

    private static void Report(OperationAnalysisContext context, Piece piece, IOperation? wholeValue)
    {
        if (piece.Text.IndexOf('=') < 0 && piece.Text.IndexOf('@') < 0)
        {
            return;
        }

        var parts = new List<CredentialPart>();
        ConnectionStringScanner.Scan(piece.Text, parts, piece.EndIsOpen);
        foreach (var part in parts)
        {
            if (part.Kind == CredentialPartKind.Substituted || IsFromNamedConstant(piece, part.ValueStart))
            {
                continue;
            }

            var value = piece.Text.Substring(part.ValueStart, part.ValueLength);
            if (part.Kind == CredentialPartKind.Secret && TokenScanner.Default.ContainsToken(value))
            {
                continue;
            }

            var location = LocateValue(piece, part);
            if (part.Kind == CredentialPartKind.Secret)
            {
                var properties = ImmutableDictionary<string, string?>.Empty;
                if (wholeValue is ILiteralOperation)
                {
                    properties = properties.Add(HardcodedCredentialAnalyzer.TargetNameProperty, CredentialTargets.NameGivenTo(wholeValue) ?? "ConnectionString");
                }

                context.ReportDiagnostic(Diagnostic.Create(Rule, location, properties, part.Key, SecretMasker.Mask(value)));
            }
            else
            {
                context.ReportDiagnostic(Diagnostic.Create(EmptyPasswordRule, location, part.Kind == CredentialPartKind.Empty ? "an empty" : "a placeholder", part.Key));
            }
        }
    }

    private static bool IsFromNamedConstant(Piece piece, int position)
    {
        if (piece.FromConstants is null)
        {
            return false;
        }

        foreach (var range in piece.FromConstants)
        {
            if (range.Contains(position) || (range.Length == 0 && range.Start == position))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value's own span in a single literal of any kind (regular, verbatim, raw, multi-line raw, UTF-8):
    /// where the literal maps one to one onto its text, by offset; else the same occurrence of the value in the source
    /// text, when it is written there without escapes. Otherwise the piece.</summary>
    private static Location LocateValue(Piece piece, CredentialPart part)
    {
        var tree = piece.Syntax.SyntaxTree;
        if (piece.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax literal && part.ValueLength > 0)
        {
            var token = literal.Token;
            var offset = token.Text.Length == token.ValueText.Length + 2 && token.Text[0] == '"' ? 1
                : token.Text.Length == token.ValueText.Length + 3 && token.Text[0] == '@' ? 2
                : -1;
            if (offset >= 0)
            {
                return Location.Create(tree, new TextSpan(token.SpanStart + offset + part.ValueStart, part.ValueLength));
            }

            if (EscapedText.Locate(token.Text, 0, token.Text.Length, piece.Text, part.ValueStart, part.ValueLength) is { } start)
            {
                return Location.Create(tree, new TextSpan(token.SpanStart + start, part.ValueLength));
            }
        }

        if (piece.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.InterpolatedStringTextSyntax text && text.TextToken.Text == text.TextToken.ValueText && part.ValueLength > 0)
        {
            return Location.Create(tree, new TextSpan(text.SpanStart + part.ValueStart, part.ValueLength));
        }

        return Location.Create(tree, piece.Span);
    }

    private static bool IsStringConcatenation(IOperation operation) =>
        operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String };

    private static bool IsInsideConcatenation(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation { IsImplicit: true })
        {
            parent = parent.Parent;
        }

        return parent is not null && IsStringConcatenation(parent);
    }

    private static void Flatten(IOperation operation, List<IOperation> leaves)
    {
        var stack = new Stack<IOperation>();
        stack.Push(operation);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            while (current is IConversionOperation { IsImplicit: true } conversion)
            {
                current = conversion.Operand;
            }

            if (current is IBinaryOperation binary && IsStringConcatenation(binary))
            {
                stack.Push(binary.RightOperand);
                stack.Push(binary.LeftOperand);
            }
            else
            {
                leaves.Add(current);
            }
        }
    }
}
