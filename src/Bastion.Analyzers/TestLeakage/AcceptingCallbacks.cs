using System.Linq;
using System.Threading;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.TestLeakage;

/// <summary>Whether a certificate-validation callback accepts certificates whatever their validation found: a lambda,
/// anonymous method or method group of this compilation that returns <c>true</c> on every path (<c>… || true</c>
/// included), or that never reads the <c>SslPolicyErrors</c> it is given (checking only the subject) and pins nothing.
/// The callback is followed to where it is made: through a local written once, a readonly field or get-only property
/// of this compilation, and a method of this compilation that returns it.</summary>
internal static class AcceptingCallbacks
{
    private const int MaxDepth = 6;

    /// <summary>The callback that accepts any certificate, where it is written; null when the value is not one.</summary>
    public static IOperation? Find(IOperation value, CancellationToken cancellationToken) => Find(value, 0, cancellationToken);

    private static IOperation? Find(IOperation value, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        while (value is IConversionOperation or IDelegateCreationOperation or IParenthesizedOperation)
        {
            value = value switch
            {
                IConversionOperation conversion => conversion.Operand,
                IDelegateCreationOperation creation => creation.Target,
                _ => ((IParenthesizedOperation)value).Operand,
            };
        }

        switch (value)
        {
            case IAnonymousFunctionOperation lambda:
                return Accepts(lambda.Symbol, lambda.Body) ? lambda : null;
            case IMethodReferenceOperation { Method: { } method }:
                return BodyOf(method, value, cancellationToken) is { } body && Accepts(method, body) ? value : null;
            case ILocalReferenceOperation local when OnlyValueOf(local.Local, cancellationToken) is { } written:
                return FromSyntax(written, value, depth, cancellationToken);
            case IFieldReferenceOperation { Field: { IsReadOnly: true } field } when Initializer(field, cancellationToken) is { } initializer:
                return FromSyntax(initializer, value, depth, cancellationToken);
            case IPropertyReferenceOperation { Property: { SetMethod: null, GetMethod: { } getter } }:
                return FromReturns(getter, value, depth, cancellationToken);
            case IInvocationOperation { TargetMethod: { Parameters.Length: 0 } factory }:
                return FromReturns(factory, value, depth, cancellationToken);
            default:
                return null;
        }
    }

    /// <summary>Every <c>return</c> of a method of this compilation gives an accepting callback: the first of them.</summary>
    private static IOperation? FromReturns(IMethodSymbol method, IOperation at, int depth, CancellationToken cancellationToken)
    {
        if (BodyOf(method, at, cancellationToken) is not { } body)
        {
            return null;
        }

        IOperation? first = null;
        foreach (var operation in OwnOperations.Of(body))
        {
            if (operation is IReturnOperation { ReturnedValue: { } returned })
            {
                if (Find(returned, depth + 1, cancellationToken) is not { } found)
                {
                    return null;
                }

                first ??= found;
            }
        }

        return first;
    }

    private static IOperation? FromSyntax(SyntaxNode node, IOperation at, int depth, CancellationToken cancellationToken) =>
        at.SemanticModel is { } model && model.SyntaxTree == node.SyntaxTree && model.GetOperation(node, cancellationToken) is { } operation
            ? Find(operation, depth + 1, cancellationToken)
            : null;

    /// <summary>The value a local is initialized with, when its block never assigns it again.</summary>
    private static SyntaxNode? OnlyValueOf(ILocalSymbol local, CancellationToken cancellationToken) =>
        local.DeclaringSyntaxReferences.Length == 1 &&
        local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax declarator
            ? SingleAssignment.InitializerOf(declarator, declarator.Ancestors().FirstOrDefault(a => a is Microsoft.CodeAnalysis.CSharp.Syntax.BlockSyntax))
            : null;

    private static SyntaxNode? Initializer(IFieldSymbol field, CancellationToken cancellationToken) =>
        field.DeclaringSyntaxReferences.Length == 1 &&
        field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } value }
            ? value
            : null;

    private static IOperation? BodyOf(IMethodSymbol method, IOperation at, CancellationToken cancellationToken)
    {
        var reference = method.DeclaringSyntaxReferences.FirstOrDefault();
        var model = at.SemanticModel;
        return reference is not null && model?.SyntaxTree == reference.SyntaxTree ? model.GetOperation(reference.GetSyntax(cancellationToken), cancellationToken) : null;
    }

    /// <summary>Returns <c>true</c> on every path, or returns without looking at the validation errors and pins no
    /// certificate (a subject check is not a check: anyone can issue a certificate with that subject).</summary>
    private static bool Accepts(IMethodSymbol? signature, IOperation body)
    {
        var returns = 0;
        var allTrue = true;
        var readsErrors = false;
        var pins = false;
        var errors = signature?.Parameters.FirstOrDefault(p => p.Type.Name == "SslPolicyErrors");
        foreach (var operation in body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IReturnOperation returned when IsOwn(returned, body):
                    returns++;
                    allTrue &= IsTrue(returned.ReturnedValue);
                    break;
                case IParameterReferenceOperation reference when errors is not null && SymbolEqualityComparer.Default.Equals(reference.Parameter, errors):
                    readsErrors = true;
                    break;
                case IPropertyReferenceOperation { Property.Name: "Thumbprint" or "RawData" or "SerialNumber" }:
                case IInvocationOperation { TargetMethod.Name: "GetCertHash" or "GetCertHashString" or "GetPublicKey" or "GetPublicKeyString" or "GetRawCertData" or "Equals" or "SequenceEqual" }:
                case IThrowOperation:
                    pins = true;
                    break;
            }
        }

        return returns > 0 && (allTrue || errors is not null && !readsErrors && !pins);
    }

    private static bool IsOwn(IOperation operation, IOperation body)
    {
        for (var parent = operation.Parent; parent is not null && parent != body; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTrue(IOperation? value) => value switch
    {
        null => false,
        { ConstantValue: { HasValue: true, Value: true } } => true,
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or => IsTrue(or.LeftOperand) || IsTrue(or.RightOperand),
        IConversionOperation conversion => IsTrue(conversion.Operand),
        _ => false,
    };
}
