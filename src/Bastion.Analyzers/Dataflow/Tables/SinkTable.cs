using System.Collections.Generic;
using System.Collections.Immutable;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>A sink catalogue read from table lines (<see cref="SinkEntry"/>): a property or indexer written, a method
/// called or an object created, and the values of it that are sinks. The engine asks it about every such operation it
/// evaluates: the member's name is looked up first, its type only for a name some line mentions.</summary>
internal sealed class SinkTable : ITaintSinkCatalog
{
    private readonly MemberIndex<SinkEntry> index;

    private readonly LazyType[] neutralReceivers;
    private readonly (string RuleId, ulong Kind)? loopBound;

    /// <param name="neutralReceivers">Metadata names of types (and their subtypes) that take untrusted data safely:
    /// storing a value in one does not make its owner carry it (a command's parameter collection).</param>
    /// <param name="loopBound">The rule and kind that the bound of a loop's condition and the size of a new array belong to, if any.</param>
    public SinkTable(Compilation compilation, IEnumerable<SinkEntry> entries, IEnumerable<string>? neutralReceivers = null, (string RuleId, ulong Kind)? loopBound = null)
    {
        this.loopBound = loopBound;
        var neutral = new List<LazyType>();
        foreach (var name in neutralReceivers ?? System.Array.Empty<string>())
        {
            neutral.Add(new LazyType(compilation, name));
        }

        this.neutralReceivers = neutral.ToArray();
        index = new MemberIndex<SinkEntry>(compilation, entries, static entry => entry.Member);
    }

    public bool SinksInBounds => loopBound is not null;

    /// <summary>Lines name library members: a member declared in this compilation is never one (<see cref="Lines"/>).</summary>
    public bool SinksInSourceMembers => false;

    public bool IsNeutralizingReceiver(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        foreach (var neutral in neutralReceivers)
        {
            if (SymbolFacts.Implements(named, neutral.Value))
            {
                return true;
            }
        }

        return false;
    }

    public void Collect(IOperation operation, List<TaintSink> sinks)
    {
        switch (operation)
        {
            case IAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } } assignment:
                foreach (var entry in Lines(property))
                {
                    sinks.Add(new TaintSink(assignment.Value, entry.RuleId, entry.Description ?? Describe(property), kinds: entry.Kind));
                }

                break;
            case IInvocationOperation { TargetMethod: { } method } invocation:
                CollectArguments(method, invocation.Arguments, sinks);
                break;
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                CollectArguments(constructor, creation.Arguments, sinks);
                break;
            case IArrayCreationOperation array when loopBound is { } sized:
                foreach (var size in array.DimensionSizes)
                {
                    if (!size.ConstantValue.HasValue)
                    {
                        sinks.Add(new TaintSink(size, sized.RuleId, "the size of a new array", kinds: sized.Kind));
                    }
                }

                break;
            case IBinaryOperation binary when loopBound is { } bound && LoopConditions.Loop(binary) is { } loop:
                foreach (var operand in new[] { binary.LeftOperand, binary.RightOperand })
                {
                    if (!operand.ConstantValue.HasValue)
                    {
                        sinks.Add(new TaintSink(operand, bound.RuleId, "the condition of a loop", kinds: bound.Kind, loop: loop));
                    }
                }

                break;
        }
    }

    private void CollectArguments(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, List<TaintSink> sinks)
    {
        foreach (var entry in Lines(method))
        {
            if (entry.When is { } when && !HasConstant(arguments, when.Parameter, when.Values))
            {
                continue;
            }

            foreach (var argument in arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is not { } parameter || !Matches(entry, parameter))
                {
                    continue;
                }

                // An object or generic parameter of an any-value line is serialized: the members of what it is given are read.
                var readsMembers = entry.AnyValueParameter && IsSerialized(parameter);
                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } elements })
                {
                    // A params array's elements, each where it is written.
                    foreach (var element in elements.ElementValues)
                    {
                        sinks.Add(new TaintSink(element, entry.RuleId, entry.Description ?? Describe(method), readsMembers, entry.Kind));
                    }
                }
                else
                {
                    sinks.Add(new TaintSink(argument.Value, entry.RuleId, entry.Description ?? Describe(method), readsMembers, entry.Kind));
                }
            }
        }
    }

    private static bool HasConstant(ImmutableArray<IArgumentOperation> arguments, string parameter, string[] values)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == parameter && argument.Value.ConstantValue is { HasValue: true, Value: string text })
            {
                foreach (var value in values)
                {
                    if (string.Equals(value, text, System.StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool Matches(SinkEntry entry, IParameterSymbol parameter)
    {
        if (entry.AnyValueParameter)
        {
            return TakesAnyValue(parameter);
        }

        if (entry.AnyStringParameter)
        {
            return parameter.Type.SpecialType == SpecialType.System_String ||
                parameter.IsParams && parameter.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String };
        }

        foreach (var name in entry.Parameters)
        {
            if (name == parameter.Name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="parameter"/> takes text or any value: a string, an object, or a generic value, by
    /// its declared type (<c>Results.Ok&lt;TValue&gt;(value)</c> and <c>WriteAsJsonAsync&lt;TValue&gt;</c> take a type
    /// parameter).</summary>
    internal static bool TakesAnyValue(IParameterSymbol parameter) =>
        parameter.OriginalDefinition.Type is { SpecialType: SpecialType.System_String or SpecialType.System_Object } or ITypeParameterSymbol;

    /// <summary>Whether what <paramref name="parameter"/> is given is an object or a generic value (not text).</summary>
    private static bool IsSerialized(IParameterSymbol parameter) =>
        parameter.OriginalDefinition.Type is { SpecialType: SpecialType.System_Object } or ITypeParameterSymbol;

    private IReadOnlyList<SinkEntry> Lines(ISymbol member)
    {
        var lines = index.Find(member);
        return lines.Count > 0 && SymbolFacts.HasSourceDeclaration(member) ? System.Array.Empty<SinkEntry>() : lines;
    }

    /// <summary>How a message names the sink: <c>SqlCommand.CommandText</c>, <c>new SqlCommand</c>, <c>HttpResponse.Headers[key]</c>.</summary>
    private static string Describe(ISymbol member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => "new " + constructor.ContainingType.Name,
        IPropertySymbol { IsIndexer: true } indexer => indexer.ContainingType.Name + "[key]",
        IMethodSymbol { ReducedFrom: { } reduced } => reduced.ContainingType.Name + "." + reduced.Name,
        _ => member.ContainingType.Name + "." + member.Name,
    };
}
