using System.Collections.Concurrent;
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
        List<(SemanticModel Model, SyntaxNode Node)>? unbound = null;
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

                if (!Sources.MayRead(node is Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax written ? written.Right : ((Microsoft.CodeAnalysis.CSharp.Syntax.EqualsValueClauseSyntax)node).Value))
                {
                    // Clean, and bound (which binds its whole method) only if a write elsewhere makes the member untrusted.
                    (unbound ??= new List<(SemanticModel, SyntaxNode)>()).Add((model, node));
                    continue;
                }

                foreach (var (target, value, writer) in WritesAt(model, node, type, cancellationToken))
                {
                    Add(target, value, writer);
                }
            }
        }

        foreach (var pair in writers)
        {
            memberWriters.TryAdd(pair.Key, pair.Value.ToImmutable());
        }

        if (unbound is not null)
        {
            unboundWrites.TryAdd(type.OriginalDefinition, unbound);
        }

        foreach (var pair in found)
        {
            memberSources.TryAdd(pair.Key, pair.Value);
        }

        // The scan answered for every member of the type: one that no write names holds nothing untrusted.
        foreach (var other in type.OriginalDefinition.GetMembers())
        {
            if (other is IFieldSymbol or IPropertySymbol)
            {
                memberSources.TryAdd(other, TaintValue.Clean);
            }
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

    /// <summary>Per type, the writes <see cref="MemberSource(ISymbol, CancellationToken)"/> left unbound because their value
    /// reads no source (<see cref="ITaintSourceCatalog.MayRead"/>): clean, needed only to name their writers.</summary>
    private readonly ConcurrentDictionary<ISymbol, List<(SemanticModel Model, SyntaxNode Node)>> unboundWrites = new(SymbolEqualityComparer.Default);

    /// <summary>The methods that write <paramref name="member"/> in its type, with what they write.</summary>
    private ImmutableArray<(IMethodSymbol? Writer, TaintValue Value)> WritersInType(ISymbol member, CancellationToken cancellationToken)
    {
        member = member.OriginalDefinition;
        if (member.ContainingType is { } type && unboundWrites.ContainsKey(type.OriginalDefinition))
        {
            lock (unboundWrites)
            {
                // Removed only once bound, so a reader that finds no entry finds every writer.
                if (unboundWrites.TryGetValue(type.OriginalDefinition, out var writes))
                {
                    foreach (var (model, node) in writes)
                    {
                        foreach (var (written, _, writer) in WritesAt(model, node, type.OriginalDefinition, cancellationToken))
                        {
                            AddWriter(type, written, writer);
                        }
                    }

                    unboundWrites.TryRemove(type.OriginalDefinition, out _);
                }
            }
        }

        return memberWriters.TryGetValue(member, out var writers) ? writers : ImmutableArray<(IMethodSymbol?, TaintValue)>.Empty;
    }

    /// <summary>The members a field or property initializer, or an assignment to a member of <paramref name="type"/>, writes
    /// at <paramref name="node"/>: each with its value and the method that writes it (none for an initializer).</summary>
    private static IEnumerable<(ISymbol Member, IOperation Value, IMethodSymbol? Writer)> WritesAt(
        SemanticModel model, SyntaxNode node, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        switch (model.GetOperation(node, cancellationToken))
        {
            case IFieldInitializerOperation initializer:
                foreach (var field in initializer.InitializedFields)
                {
                    yield return (field, initializer.Value, null);
                }

                break;
            case IPropertyInitializerOperation initializer:
                foreach (var property in initializer.InitializedProperties)
                {
                    yield return (property, initializer.Value, null);
                }

                break;
            case IAssignmentOperation { Target: IMemberReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Member.ContainingType?.OriginalDefinition, type):
                yield return (target.Member, assignment.Value, model.GetEnclosingSymbol(node.SpanStart, cancellationToken) as IMethodSymbol);
                break;
        }
    }

    private void AddWriter(INamedTypeSymbol type, ISymbol written, IMethodSymbol? writer)
    {
        if (SymbolEqualityComparer.Default.Equals(written.ContainingType?.OriginalDefinition, type.OriginalDefinition))
        {
            var entry = (writer?.OriginalDefinition, TaintValue.Clean);
            memberWriters.AddOrUpdate(written.OriginalDefinition, ImmutableArray.Create(entry), (_, known) => known.Add(entry));
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
        SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, assembly) &&
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
