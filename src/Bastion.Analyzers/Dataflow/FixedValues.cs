using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Values that cannot carry untrusted data in any context, decided without a control-flow graph: constants,
/// text-free values, library calls and properties over such values (when they are not sources), and reads of
/// <em>fixed members</em>. A sink given a fixed value can never complete a flow, so it does not make the methods that
/// reach it worth analysing (<see cref="TaintEngine.MayReachSink"/>): in a typical service, <c>connection.ConnectionString
/// = connectionString</c> reads a field the DI constructor set, and without this every method that opens a connection
/// would be analysed for nothing.
/// <para>A member is fixed when it is a field or auto-property of this compilation of type <c>string</c> (or text-free),
/// its type-wide source value (<see cref="TaintEngine.MemberSource"/>) is clean, and every write of it anywhere in the
/// compilation is independent of any caller: a constant, a static initializer or static constructor, an instance
/// initializer that reads no parameter, or an instance constructor (or initializer) of a type that nothing in the
/// compilation creates or derives from (a type only dependency injection creates). A <c>this</c>-relative read is fixed
/// only in types whose instances cannot be untrusted objects themselves (no public setters, no public parameterless
/// constructor, not a record or struct): the engine joins a receiver's taint into the fields read through it.</para></summary>
internal sealed partial class FixedValues
{
    private const int MaxDepth = 16;

    private readonly TaintEngine engine;
    private readonly Compilation compilation;
    private readonly ConcurrentDictionary<ISymbol, bool> members = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, bool> instanceCandidates = new(SymbolEqualityComparer.Default);
    private CreationIndex? creations;
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> created = new(SymbolEqualityComparer.Default);

    // Each tree's text as one string, made once (SourceText.ToString copies the whole file every time), and the type of
    // each target-typed creation, bound once: every member and type asked about searches them again. Both live as long
    // as the engine, that is the compilation: at most one copy of the source text.
    private readonly ConcurrentDictionary<SyntaxTree, string> texts = new();
    private readonly ConcurrentDictionary<ImplicitObjectCreationExpressionSyntax, ITypeSymbol?> creationTypes = new();

    public FixedValues(TaintEngine engine, Compilation compilation)
    {
        this.engine = engine;
        this.compilation = compilation;
    }

    public bool IsFixed(IOperation value, CancellationToken cancellationToken) => IsFixed(value, 0, cancellationToken);

    private bool IsFixed(IOperation operation, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        if (operation.ConstantValue.HasValue || TaintEngine.IsTextFreeType(operation.Type))
        {
            return true;
        }

        depth++;
        switch (operation)
        {
            case ILiteralOperation or IDefaultValueOperation or ITypeOfOperation or INameOfOperation or IThrowOperation or
                IDelegateCreationOperation or IAnonymousFunctionOperation or IInterpolatedStringTextOperation:
                return true;
            case IConversionOperation conversion:
                return IsFixed(conversion.Operand, depth, cancellationToken);
            case IBinaryOperation binary:
                return IsFixed(binary.LeftOperand, depth, cancellationToken) && IsFixed(binary.RightOperand, depth, cancellationToken);
            case ICoalesceOperation coalesce:
                return IsFixed(coalesce.Value, depth, cancellationToken) && IsFixed(coalesce.WhenNull, depth, cancellationToken);
            case IConditionalOperation conditional:
                return IsFixed(conditional.WhenTrue, depth, cancellationToken) && (conditional.WhenFalse is null || IsFixed(conditional.WhenFalse, depth, cancellationToken));
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation interpolation && !IsFixed(interpolation.Expression, depth, cancellationToken))
                    {
                        return false;
                    }
                }

                return true;
            case IArrayCreationOperation array:
                return array.Initializer is { } elements && IsFixed(elements, depth, cancellationToken);
            case IArrayInitializerOperation initializer:
                foreach (var element in initializer.ElementValues)
                {
                    if (!IsFixed(element, depth, cancellationToken))
                    {
                        return false;
                    }
                }

                return true;
            case IFieldReferenceOperation field:
                return IsFixedInstance(field.Instance, field.Field.ContainingType, depth, cancellationToken) && IsFixedMember(field.Field, cancellationToken);
            case IPropertyReferenceOperation property:
                return IsFixedProperty(property, depth, cancellationToken);
            case IInvocationOperation invocation:
                return !engine.IsInSource(invocation.TargetMethod) && engine.Sources.Describe(invocation) is null &&
                    (invocation.Instance is null || IsFixed(invocation.Instance, depth, cancellationToken)) &&
                    AreFixed(invocation.Arguments, depth, cancellationToken);
            case IObjectCreationOperation creation:
                return creation.Constructor is { } constructor && !engine.IsInSource(constructor) && creation.Initializer is null &&
                    engine.Sources.Describe(creation) is null && AreFixed(creation.Arguments, depth, cancellationToken);
            default:
                return false;
        }
    }

    private bool AreFixed(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, int depth, CancellationToken cancellationToken)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.RefKind is RefKind.Out or RefKind.Ref || !IsFixed(argument.Value, depth, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    private bool IsFixedProperty(IPropertyReferenceOperation reference, int depth, CancellationToken cancellationToken)
    {
        if (engine.Sources.Describe(reference) is not null || !AreFixed(reference.Arguments, depth, cancellationToken))
        {
            return false;
        }

        var property = reference.Property;
        if (engine.IsAutoPropertyCached(property))
        {
            return IsFixedInstance(reference.Instance, property.ContainingType, depth, cancellationToken) && IsFixedMember(property, cancellationToken);
        }

        // A getter of this compilation would need its summary; a library getter carries its receiver.
        return property.GetMethod is { } getter && !engine.IsInSource(getter) &&
            (reference.Instance is null || IsFixed(reference.Instance, depth, cancellationToken));
    }

    private bool IsFixedInstance(IOperation? instance, INamedTypeSymbol? containingType, int depth, CancellationToken cancellationToken) => instance switch
    {
        null => true,
        IInstanceReferenceOperation => instance.Type is { } type && !MayBeUntrustedObject(type),
        _ => IsFixed(instance, depth, cancellationToken),
    };

    /// <summary>Whether instances of <paramref name="type"/> could be untrusted objects (model-bound or deserialized):
    /// records, structs, and classes with a public settable member or a public parameterless constructor.</summary>
    private bool MayBeUntrustedObject(ITypeSymbol type) => instanceCandidates.GetOrAdd(type, static t =>
    {
        if (t is not INamedTypeSymbol { TypeKind: TypeKind.Class } named || named.IsRecord)
        {
            return true;
        }

        for (var current = named; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                switch (member)
                {
                    case IMethodSymbol { MethodKind: MethodKind.Constructor, Parameters.Length: 0, DeclaredAccessibility: Accessibility.Public } when ReferenceEquals(current, named):
                    case IPropertySymbol { SetMethod.DeclaredAccessibility: Accessibility.Public, IsStatic: false }:
                    case IFieldSymbol { DeclaredAccessibility: Accessibility.Public, IsReadOnly: false, IsConst: false, IsStatic: false }:
                        return true;
                }
            }
        }

        return false;
    });

    private bool IsFixedMember(ISymbol member, CancellationToken cancellationToken)
    {
        member = member.OriginalDefinition;
        if (members.TryGetValue(member, out var known))
        {
            return known;
        }

        var result = ComputeFixedMember(member, cancellationToken);
        return members.GetOrAdd(member, result);
    }

    private bool ComputeFixedMember(ISymbol member, CancellationToken cancellationToken)
    {
        var type = member switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };

        if (type is null || !MethodBodies.IsDeclaredIn(compilation, member) || member.ContainingType is not { } containingType || !MethodBodies.IsDeclaredIn(compilation, containingType) ||
            type is IArrayTypeSymbol || type.IsValueType && !TaintEngine.IsTextFreeType(type))
        {
            return false;
        }

        // Strings and text-free values change only by assignment; an object can also be filled through calls on it.
        var immutable = type.SpecialType == SpecialType.System_String || TaintEngine.IsTextFreeType(type);

        // Initializers: untrusted data put there directly, or a primary constructor parameter whoever creates the type shapes.
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            var initializer = reference.GetSyntax(cancellationToken) switch
            {
                VariableDeclaratorSyntax declarator => declarator.Initializer,
                PropertyDeclarationSyntax property => property.Initializer,
                _ => null,
            };

            if (initializer is null)
            {
                continue;
            }

            var model = engine.SemanticModelFor(reference.SyntaxTree);
            if (!member.IsStatic && ReadsParameter(initializer, model, cancellationToken) && MayBeCreated(containingType, cancellationToken) ||
                model.GetOperation(initializer, cancellationToken) is ISymbolInitializerOperation { Value: { } value } && !TaintAnalysis.EvaluateInIsolation(engine, value, cancellationToken).IsClean)
            {
                return false;
            }
        }

        // Writes: a private or read-only member is written only inside its type (nested types included); others anywhere.
        var scopes = member.DeclaredAccessibility == Accessibility.Private || member is IFieldSymbol { IsReadOnly: true } || member is IPropertySymbol { SetMethod: null }
            ? containingType.DeclaringSyntaxReferences
            : default;
        foreach (var (tree, span) in Scopes(scopes, compilation))
        {
            var model = engine.SemanticModelFor(tree);
            foreach (var token in Occurrences(TextOf(tree, cancellationToken), tree, span, member.Name, cancellationToken))
            {
                var write = WriteOf(token);
                if (write is null && (immutable || IsPlainRead(token)))
                {
                    continue;
                }

                var info = model.GetSymbolInfo(token.Parent!, cancellationToken);
                if (info.Symbol is not { } symbol)
                {
                    // Unresolved: a write to this member cannot be ruled out.
                    if (!info.CandidateSymbols.IsEmpty)
                    {
                        return false;
                    }

                    continue;
                }

                if (SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, member) &&
                    (write is null || !IsCallerIndependentWrite(write, containingType, model, cancellationToken)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>A write no caller can shape and that brings no untrusted data itself: a constant assigned, or a value clean
    /// in isolation assigned in a static constructor, or in an instance constructor of a type nothing in this compilation
    /// creates or derives from (a type only dependency injection creates). Writes through <c>ref</c>/<c>out</c>,
    /// deconstructions and writes anywhere else are not.</summary>
    private bool IsCallerIndependentWrite(SyntaxNode write, INamedTypeSymbol containingType, SemanticModel model, CancellationToken cancellationToken)
    {
        if (write is not AssignmentExpressionSyntax assignment || assignment.Left is TupleExpressionSyntax)
        {
            return false;
        }

        if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && model.GetConstantValue(assignment.Right, cancellationToken).HasValue)
        {
            return true;
        }

        for (var node = assignment.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case ConstructorDeclarationSyntax constructor:
                    if (!constructor.Modifiers.Any(SyntaxKind.StaticKeyword) && MayBeCreated(containingType, cancellationToken))
                    {
                        return false;
                    }

                    return model.GetOperation(assignment, cancellationToken) is IAssignmentOperation { Value: { } value } &&
                        TaintAnalysis.EvaluateInIsolation(engine, value, cancellationToken).IsClean;
                case MemberDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax:
                    return false;
            }
        }

        return false;
    }

    private static bool ReadsParameter(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var identifier in node.DescendantNodes())
        {
            if (identifier is IdentifierNameSyntax && model.GetSymbolInfo(identifier, cancellationToken).Symbol is IParameterSymbol)
            {
                return true;
            }
        }

        return false;
    }
}
