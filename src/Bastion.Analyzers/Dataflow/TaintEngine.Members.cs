using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Members: what fields and properties hold across the compilation, and the facts about members and types the analysis asks.</summary>
internal sealed partial class TaintEngine
{
    /// <summary>Untrusted data a field or property of this compilation is given anywhere in its declaring type, read
    /// without context (locals and parameters unknown): <c>_server = Environment.GetEnvironmentVariable("DB")</c>.
    /// One scan of the type answers for all its members.</summary>
    internal TaintValue MemberSource(ISymbol member, CancellationToken cancellationToken)
    {
        member = member.OriginalDefinition;
        if (memberSources.TryGetValue(member, out var known))
        {
            return known;
        }

        var type = member.ContainingType;
        if (type is null)
        {
            return TaintValue.Clean;
        }

        var found = new Dictionary<ISymbol, TaintValue>(SymbolEqualityComparer.Default);
        var writers = new Dictionary<ISymbol, ImmutableArray<(IMethodSymbol? Writer, TaintValue Value)>.Builder>(SymbolEqualityComparer.Default);
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (!compilation.ContainsSyntaxTree(reference.SyntaxTree))
            {
                continue;
            }

            var model = SemanticModelFor(reference.SyntaxTree);
            var visited = 0;
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (++visited > Limits.MaxWorkPerMethod)
                {
                    break;
                }

                if (node is not (Microsoft.CodeAnalysis.CSharp.Syntax.EqualsValueClauseSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Parent.Parent: Microsoft.CodeAnalysis.CSharp.Syntax.FieldDeclarationSyntax } or Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax } or
                    Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax))
                {
                    continue;
                }

                switch (model.GetOperation(node, cancellationToken))
                {
                    case IFieldInitializerOperation initializer:
                        foreach (var field in initializer.InitializedFields)
                        {
                            Add(field, initializer.Value);
                        }

                        break;
                    case IPropertyInitializerOperation initializer:
                        foreach (var property in initializer.InitializedProperties)
                        {
                            Add(property, initializer.Value);
                        }

                        break;
                    case IAssignmentOperation { Target: IMemberReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Member.ContainingType?.OriginalDefinition, type):
                        Add(target.Member, assignment.Value, model.GetEnclosingSymbol(node.SpanStart, cancellationToken) as IMethodSymbol);
                        break;
                }
            }
        }

        foreach (var pair in writers)
        {
            memberWriters.TryAdd(pair.Key, pair.Value.ToImmutable());
        }

        foreach (var pair in found)
        {
            memberSources.TryAdd(pair.Key, pair.Value);
        }

        return memberSources.GetOrAdd(member, TaintValue.Clean);

        void Add(ISymbol written, IOperation value, IMethodSymbol? writer = null)
        {
            written = written.OriginalDefinition;

            // Once a member is known to be tainted, its other writes only name their methods (for the reader check).
            var alreadyTainted = found.TryGetValue(written, out var known) && known.IsTainted;
            var taint = alreadyTainted ? TaintValue.Clean : TaintAnalysis.EvaluateInIsolation(this, value, cancellationToken);
            var untrusted = taint.IsTainted ? TaintValue.FromSource(taint.Source!) : TaintValue.Clean;
            if (!writers.TryGetValue(written, out var list))
            {
                writers[written] = list = ImmutableArray.CreateBuilder<(IMethodSymbol?, TaintValue)>();
            }

            list.Add((writer?.OriginalDefinition, untrusted));

            if (!found.TryGetValue(written, out var existing) || !existing.IsTainted)
            {
                found[written] = untrusted;
            }
        }
    }

    /// <summary>The method an invocation, creation, or property access or assignment runs, when it is one.</summary>
    internal static IMethodSymbol? CalledMethod(IOperation operation) => CalledMethod(operation, operation.Kind);

    /// <summary><see cref="CalledMethod(IOperation)"/> by the operation's kind, which the caller has read: a cast, not a
    /// chain of failed interface casts.</summary>
    private static IMethodSymbol? CalledMethod(IOperation operation, OperationKind kind) => kind switch
    {
        OperationKind.Invocation => ((IInvocationOperation)operation).TargetMethod,
        OperationKind.ObjectCreation => ((IObjectCreationOperation)operation).Constructor,
        OperationKind.SimpleAssignment or OperationKind.CompoundAssignment or OperationKind.CoalesceAssignment or OperationKind.DeconstructionAssignment =>
            ((IAssignmentOperation)operation).Target is { Kind: OperationKind.PropertyReference } target ? ((IPropertyReferenceOperation)target).Property.SetMethod : null,
        OperationKind.PropertyReference when !IsAssignmentTarget(operation) => ((IPropertyReferenceOperation)operation).Property.GetMethod,
        _ => null,
    };

    private static bool IsAssignmentTarget(IOperation operation) => operation.Parent is IAssignmentOperation assignment && assignment.Target == operation;

    /// <summary>A method of this compilation (declared in its own trees; a referenced project's methods are treated like
    /// a library's): the engine summarises it instead of carrying its arguments to its result.</summary>
    internal bool IsInSource(IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly) &&
        (Infrastructure.SymbolFacts.HasSourceDeclaration(method) || method.ContainingType?.TypeKind == TypeKind.Interface && Infrastructure.SymbolFacts.HasSourceDeclaration(method.ContainingType) ||
         method.IsAbstract && Infrastructure.SymbolFacts.HasSourceDeclaration(method.ContainingType!));

    private static IMethodSymbol Definition(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        if (method.ReducedFrom is { } reduced)
        {
            method = reduced;
        }

        return method.PartialImplementationPart ?? method;
    }

    /// <summary>Auto-properties have no body of their own: they are read and written like fields.</summary>
    private static bool HasBody(IMethodSymbol method) =>
        !method.IsAbstract && !method.IsExtern && Infrastructure.SymbolFacts.HasSourceDeclaration(method) && !IsAutoAccessor(method) &&
        method.MethodKind is MethodKind.Ordinary or MethodKind.Constructor or MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.LocalFunction or
            MethodKind.ExplicitInterfaceImplementation or MethodKind.StaticConstructor or MethodKind.UserDefinedOperator or MethodKind.Conversion;

    internal static bool IsAutoAccessor(IMethodSymbol method) =>
        method.AssociatedSymbol is IPropertySymbol && method.DeclaringSyntaxReferences.Length > 0 &&
        method.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax { Body: null, ExpressionBody: null };

    /// <summary>The value "whatever this field held on entry", one instance per field.</summary>
    internal TaintValue MemberDependency(ISymbol member) => memberDependencies.GetOrAdd(member, static m => TaintValue.FromField(m));

    internal bool IsAutoPropertyCached(IPropertySymbol property) =>
        Infrastructure.SymbolFacts.HasSourceDeclaration(property) && autoProperties.GetOrAdd(property.OriginalDefinition, static p => IsAutoProperty(p));

    /// <summary>Auto-properties of this compilation: state like a field.</summary>
    internal static bool IsAutoProperty(IPropertySymbol property)
    {
        if (property.IsIndexer || !Infrastructure.SymbolFacts.HasSourceDeclaration(property))
        {
            return false;
        }

        return property.GetMethod is { } getter ? IsAutoAccessor(getter) : property.SetMethod is { } setter && IsAutoAccessor(setter);
    }

    /// <summary>Values of these types cannot carry text an attacker shapes: numbers, <c>bool</c>, <c>Guid</c>, dates,
    /// enums, and nullable forms of them.</summary>
    internal static bool IsTextFreeType(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return true;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16 or
                SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Decimal or
                SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_DateTime or SpecialType.System_IntPtr or SpecialType.System_UIntPtr:
                return true;
        }

        return type.Name is "Guid" or "DateTimeOffset" or "TimeSpan" or "DateOnly" or "TimeOnly" or "Int128" or "UInt128" or "Half" or "BigInteger" &&
            type.ContainingNamespace is { Name: "System" or "Numerics" };
    }
}
