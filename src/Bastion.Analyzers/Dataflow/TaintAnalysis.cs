using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>One run of the taint analysis over one body's control-flow graph: a forward may-analysis to a fixpoint,
/// a state per block edge, validation applied on the edge where its condition holds, exceptional flow into
/// <c>catch</c>/<c>finally</c> from every point of the <c>try</c>, and calls through the summaries of the methods they
/// run. Work is bounded by passes, by evaluations per body and by expression depth; a bound stops the analysis where it
/// is (flows beyond it are missed, never invented).</summary>
internal sealed class TaintAnalysis
{
    private const int MaxPasses = 12;
    private const int MaxExpressionDepth = 200;
    private const int MaxAliasChain = 8;

    private readonly TaintEngine engine;
    private readonly ControlFlowGraph? graph;
    private readonly IMethodSymbol? method;
    private readonly IOperation? unit;
    private readonly int depth;
    private readonly TaintRun run;
    private readonly CancellationToken cancellationToken;
    private readonly bool isolated;
    private readonly Func<object, TaintValue> memberDefault;
    private readonly Dictionary<(SyntaxNode Event, SyntaxNode Sink, string Rule), EventRecord> events = new();
    private readonly HashSet<ISymbol> writtenMembers = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<object, object> aliases = new();
    private readonly Dictionary<ISymbol, IOperation?> flags = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<CaptureId, ISymbol?> captureAliases = new();
    private readonly Dictionary<CaptureId, IOperation?> capturedReferences = new();
    private readonly List<TaintSink> sinkBuffer = new();

    /// <summary>Per <c>try</c> region, the join of every state seen inside it: where its handlers start.</summary>
    private readonly Dictionary<ControlFlowRegion, TaintState> tryStates = new();

    private TaintState state = new();
    private TaintValue returnValue;
    private int work;
    private int expressionDepth;
    private int suppressEvents;
    private bool truncated;
    private int height;
    private bool dependsOnPath;

    public TaintAnalysis(TaintEngine engine, ControlFlowGraph? graph, IMethodSymbol? method, IOperation? unit, int depth, TaintRun run, CancellationToken cancellationToken)
    {
        this.engine = engine;
        this.graph = graph;
        this.method = method;
        this.unit = unit;
        this.depth = depth;
        this.run = run;
        this.cancellationToken = cancellationToken;
        isolated = graph is null;
        memberDefault = MemberDefault;
    }

    private sealed class EventRecord
    {
        public EventRecord(SyntaxNode eventSyntax, TaintSink sink, SyntaxNode reportAt, TaintValue value, string? via)
        {
            EventSyntax = eventSyntax;
            Sink = sink;
            ReportAt = reportAt;
            Value = value;
            Via = via;
        }

        public SyntaxNode EventSyntax { get; }

        public TaintSink Sink { get; }

        public SyntaxNode ReportAt { get; }

        public TaintValue Value { get; set; }

        public string? Via { get; }
    }

    /// <summary>The taint of an expression read on its own (locals, parameters and other members unknown, no calls
    /// followed): what a field initializer or a member assignment puts in the member wherever it runs.</summary>
    public static TaintValue EvaluateInIsolation(TaintEngine engine, IOperation value, CancellationToken cancellationToken) =>
        new TaintAnalysis(engine, null, null, null, engine.Limits.MaxCallDepth + 1, new TaintRun(), cancellationToken).Eval(value);

    public UnitResult Run()
    {
        var blocks = graph!.Blocks;
        var count = blocks.Length;
        var entries = new TaintState?[count];
        var fallThrough = new TaintState?[count];
        var conditional = new TaintState?[count];
        var initial = InitialState();
        PrepareCaptureAliases(blocks);

        for (var pass = 0; pass < MaxPasses && !truncated; pass++)
        {
            var changed = false;
            foreach (var block in blocks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var entry = block.Kind == BasicBlockKind.Entry ? initial.Clone() : EntryState(block, blocks, entries, fallThrough, conditional);
                if (entry is null)
                {
                    continue;
                }

                // Copying and comparing states is work too: a body with thousands of blocks and thousands of live
                // values must hit the bound rather than grow quadratically.
                work += 2 * entry.Count;
                if (work > engine.Limits.MaxWorkPerMethod)
                {
                    truncated = true;
                    break;
                }

                entries[block.Ordinal] = entry;
                state = entry.Clone();
                foreach (var operation in block.Operations)
                {
                    Eval(operation);
                }

                TaintState? whenConditional = null;
                if (block.BranchValue is { } branch)
                {
                    var value = Eval(branch);
                    if (block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return && block.ConditionalSuccessor is null)
                    {
                        returnValue = returnValue.Join(value);
                    }

                    if (block.ConditionalSuccessor is not null)
                    {
                        var jumpsWhenTrue = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
                        whenConditional = state.Clone();
                        Refine(whenConditional, branch, jumpsWhenTrue);
                        Refine(state, branch, !jumpsWhenTrue);
                    }
                }

                if (!state.SameAs(fallThrough[block.Ordinal], memberDefault) ||
                    whenConditional is not null && !whenConditional.SameAs(conditional[block.Ordinal], memberDefault))
                {
                    changed = true;
                }

                fallThrough[block.Ordinal] = state;
                conditional[block.Ordinal] = whenConditional;
                for (var region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
                {
                    if (region.Kind == ControlFlowRegionKind.Try)
                    {
                        tryStates[region] = JoinInto(JoinInto(JoinInto(tryStates.TryGetValue(region, out var seen) ? seen : null, entry), state), whenConditional)!;
                    }
                }
                if (truncated)
                {
                    break;
                }
            }

            if (!changed)
            {
                break;
            }
        }

        var exit = entries[count - 1];
        return new UnitResult(Findings(), Summary(exit), height, dependsOnPath);
    }

    private TaintState InitialState()
    {
        var initial = new TaintState();
        if (method is null)
        {
            return initial;
        }

        foreach (var parameter in method.Parameters)
        {
            var description = engine.Sources.DescribeParameter(parameter, method, unit);
            if (description is not null)
            {
                var syntax = parameter.DeclaringSyntaxReferences.Length > 0 ? parameter.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) : null;
                initial.Set(parameter, TaintValue.FromSource(new TaintOrigin(syntax, description)));
            }
            else
            {
                initial.Set(parameter, TaintValue.FromParameter(parameter.Ordinal));
            }
        }

        return initial;
    }

    /// <summary>Captures of a plain local or parameter (<c>switch (name)</c> captures <c>name</c>): validating the
    /// capture validates the variable.</summary>
    private void PrepareCaptureAliases(ImmutableArray<BasicBlock> blocks)
    {
        foreach (var block in blocks)
        {
            foreach (var operation in block.Operations)
            {
                if (operation is not IFlowCaptureOperation capture)
                {
                    continue;
                }

                ISymbol? symbol = TaintValidation.Unwrap(capture.Value) switch
                {
                    ILocalReferenceOperation local => local.Local,
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    _ => null,
                };

                if (captureAliases.TryGetValue(capture.Id, out var existing) && !SymbolEqualityComparer.Default.Equals(existing, symbol))
                {
                    symbol = null;
                }

                captureAliases[capture.Id] = symbol;

                // An assignment whose target the graph captured first (server = x ?? server) writes the captured reference.
                var reference = TaintValidation.Unwrap(capture.Value) is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation or IArrayElementReferenceOperation
                    ? capture.Value
                    : null;
                capturedReferences[capture.Id] = capturedReferences.ContainsKey(capture.Id) ? null : reference;
            }
        }
    }

    private TaintState? EntryState(BasicBlock block, ImmutableArray<BasicBlock> blocks, TaintState?[] entries, TaintState?[] fallThrough, TaintState?[] conditional)
    {
        TaintState? result = null;
        foreach (var predecessor in block.Predecessors)
        {
            var incoming = predecessor.IsConditionalSuccessor ? conditional[predecessor.Source.Ordinal] : fallThrough[predecessor.Source.Ordinal];
            result = JoinInto(result, incoming);
            foreach (var @finally in predecessor.FinallyRegions)
            {
                result = JoinInto(result, fallThrough[@finally.LastBlockOrdinal]);
            }
        }

        // A handler or finally can start at any point of its try: it sees every state the try had.
        for (var region = block.EnclosingRegion; region is not null && region.FirstBlockOrdinal == block.Ordinal; region = region.EnclosingRegion)
        {
            if (region.Kind is not (ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.FilterAndHandler or ControlFlowRegionKind.Finally) ||
                region.EnclosingRegion is not { } handlers || handlers.NestedRegions.IsEmpty)
            {
                continue;
            }

            if (tryStates.TryGetValue(handlers.NestedRegions[0], out var tryState))
            {
                result = JoinInto(result, tryState);
            }
        }

        return result;
    }

    private TaintState? JoinInto(TaintState? into, TaintState? incoming)
    {
        if (incoming is null)
        {
            return into;
        }

        if (into is null)
        {
            return incoming.Clone();
        }

        into.JoinWith(incoming, memberDefault);
        return into;
    }

    private TaintValue MemberDefault(object key)
    {
        if (isolated || key is not ISymbol member)
        {
            return TaintValue.Clean;
        }

        return engine.MemberDependency(member).Join(engine.MemberSource(member, method, cancellationToken));
    }

    private TaintValue Read(object key) => state.Read(key, memberDefault);

    private void Write(object key, TaintValue value)
    {
        state.Set(key, value);
        if (key is IFieldSymbol or IPropertySymbol)
        {
            writtenMembers.Add((ISymbol)key);
        }
    }

    // ---- Expressions -------------------------------------------------------------------------------------------

    private TaintValue Eval(IOperation operation)
    {
        if (++work > engine.Limits.MaxWorkPerMethod || expressionDepth >= MaxExpressionDepth)
        {
            truncated = true;
            return TaintValue.Clean;
        }

        expressionDepth++;
        try
        {
            var value = EvalCore(operation);
            return TaintEngine.IsTextFreeType(operation.Type) ? TaintValue.Clean : value;
        }
        finally
        {
            expressionDepth--;
        }
    }

    private TaintValue EvalCore(IOperation operation)
    {
        if (operation.ConstantValue.HasValue)
        {
            return TaintValue.Clean;
        }

        switch (operation)
        {
            case ILocalReferenceOperation local:
                return Read(local.Local);
            case IParameterReferenceOperation parameter:
                return isolated ? TaintValue.Clean : Read(parameter.Parameter);
            case IFlowCaptureReferenceOperation capture:
                return Read(capture.Id);
            case IFlowCaptureOperation capture:
                var captured = Eval(capture.Value);
                Write(capture.Id, captured);
                RecordAlias(capture.Id, capture.Value);
                return TaintValue.Clean;
            case IInstanceReferenceOperation or ILiteralOperation or IDelegateCreationOperation or IAnonymousFunctionOperation or IFlowAnonymousFunctionOperation or
                ILocalFunctionOperation or ICaughtExceptionOperation or ITypeOfOperation or ISizeOfOperation or IDefaultValueOperation or IIncrementOrDecrementOperation:
                return TaintValue.Clean;
            case IFieldReferenceOperation field:
                return ReadMember(field.Field, field.Instance, SymbolFacts.HasSourceDeclaration(field.Field));
            case IPropertyReferenceOperation property:
                return EvalProperty(property);
            case IArrayElementReferenceOperation element:
                return Eval(element.ArrayReference);
            case IInvocationOperation invocation:
                return EvalInvocation(invocation);
            case IObjectCreationOperation creation:
                return EvalCreation(creation);
            case ISimpleAssignmentOperation assignment:
                return EvalAssignment(assignment, assignment.Value, compound: false);
            case ICompoundAssignmentOperation compound:
                return EvalAssignment(compound, compound.Value, compound: true);
            case ICoalesceAssignmentOperation coalesce:
                return EvalAssignment(coalesce, coalesce.Value, compound: true);
            case IDeconstructionAssignmentOperation deconstruction:
                EvalDeconstruction(deconstruction);
                return TaintValue.Clean;
            case IIsPatternOperation pattern:
                BindPattern(pattern.Pattern, Eval(pattern.Value));
                return TaintValue.Clean;
            case IIsNullOperation isNull:
                Eval(isNull.Operand);
                return TaintValue.Clean;
            case IConversionOperation conversion:
                return Eval(conversion.Operand);
            case IAwaitOperation await:
                return Eval(await.Operation);
            default:
                var result = TaintValue.Clean;
                foreach (var child in operation.ChildOperations)
                {
                    result = result.Join(Eval(child));
                }

                return result;
        }
    }

    private TaintValue ReadMember(ISymbol member, IOperation? instance, bool tracked)
    {
        var value = TaintValue.Clean;
        if (tracked && !isolated)
        {
            value = Read(member.OriginalDefinition);
        }

        if (instance is not null and not IInstanceReferenceOperation)
        {
            value = value.Join(Eval(instance));
        }

        return value;
    }

    private TaintValue EvalProperty(IPropertyReferenceOperation reference)
    {
        if (engine.Sources.Describe(reference) is { } description)
        {
            return TaintValue.FromSource(new TaintOrigin(reference.Syntax, description));
        }

        var property = reference.Property;
        if (engine.IsAutoPropertyCached(property))
        {
            return ReadMember(property, reference.Instance, tracked: true);
        }

        if (!isolated && property.GetMethod is { } getter && engine.IsInSource(getter))
        {
            var instance = reference.Instance is null or IInstanceReferenceOperation ? TaintValue.Clean : Eval(reference.Instance);
            var (values, syntaxes, targets) = ArgumentsByOrdinal(getter, reference.Arguments);
            return ApplyCall(reference, getter, instance, values, syntaxes, targets) ?? instance;
        }

        return reference.Instance is null or IInstanceReferenceOperation ? TaintValue.Clean : Eval(reference.Instance);
    }

    private TaintValue EvalInvocation(IInvocationOperation invocation)
    {
        var target = invocation.TargetMethod;
        var instance = invocation.Instance is null ? TaintValue.Clean : Eval(invocation.Instance);
        var (values, syntaxes, targets) = ArgumentsByOrdinal(target, invocation.Arguments);
        RecordSinks(invocation, invocation.Arguments, values);

        TaintValue result;
        if (engine.Sources.Describe(invocation) is { } description)
        {
            // Reading from a reader that is already untrusted (new StreamReader(client.GetStream())) names where it came from.
            result = instance.IsTainted ? TaintValue.FromSource(instance.Source!) : TaintValue.FromSource(new TaintOrigin(invocation.Syntax, description));
            AssignOutArguments(invocation.Arguments, result);
        }
        else if (engine.Validation.IsSanitizer(target))
        {
            result = TaintValue.Clean;
        }
        else
        {
            result = (isolated ? null : ApplyCall(invocation, target, instance, values, syntaxes, targets)) ?? External(target, invocation.Instance, instance, invocation.Arguments, values);
        }

        if (engine.Sources.DescribeBufferFill(invocation) is { } fill)
        {
            var filled = TaintValue.FromSource(new TaintOrigin(invocation.Syntax, fill));
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value.Type is IArrayTypeSymbol or INamedTypeSymbol { Name: "Span" or "Memory" or "ArraySegment" })
                {
                    MutateRoot(argument.Value, filled);
                }
            }
        }

        return result;
    }

    private TaintValue EvalCreation(IObjectCreationOperation creation)
    {
        var constructor = creation.Constructor;
        var result = TaintValue.Clean;
        if (constructor is null)
        {
            foreach (var argument in creation.Arguments)
            {
                result = result.Join(Eval(argument.Value));
            }
        }
        else
        {
            var (values, syntaxes, targets) = ArgumentsByOrdinal(constructor, creation.Arguments);
            RecordSinks(creation, creation.Arguments, values);
            // An object of this compilation carries its state in its fields; a library object carries its arguments.
            var summarized = !isolated && ApplyCall(creation, constructor, TaintValue.Clean, values, syntaxes, targets) is not null;
            if (!isolated)
            {
                WritePositionalProperties(constructor, values);
            }

            result = summarized || SymbolFacts.HasSourceDeclaration(constructor) ? TaintValue.Clean : External(constructor, null, TaintValue.Clean, creation.Arguments, values);
        }

        if (creation.Initializer is { } initializer)
        {
            Eval(initializer);
        }

        return result;
    }

    /// <summary>A record's primary constructor has no body to summarize: each parameter is the property of its name.</summary>
    private void WritePositionalProperties(IMethodSymbol constructor, TaintValue[] values)
    {
        if (!constructor.ContainingType.IsRecord || constructor.DeclaringSyntaxReferences.Length == 0 ||
            constructor.DeclaringSyntaxReferences[0].GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.RecordDeclarationSyntax)
        {
            return;
        }

        foreach (var parameter in constructor.Parameters)
        {
            var members = constructor.ContainingType.GetMembers(parameter.Name);
            if (parameter.Ordinal < values.Length && !values[parameter.Ordinal].IsClean && members.Length > 0 && members[0] is IPropertySymbol property)
            {
                // Per member, not per object: joined with what other records of the type were given.
                Write(property.OriginalDefinition, Read(property.OriginalDefinition).Join(values[parameter.Ordinal]));
            }
        }
    }

    /// <summary>Argument values by parameter ordinal (a <c>params</c> array joins its elements); <c>out</c> arguments are
    /// targets, not values.</summary>
    private (TaintValue[] Values, SyntaxNode?[] Syntaxes, IOperation?[] Targets) ArgumentsByOrdinal(IMethodSymbol target, ImmutableArray<IArgumentOperation> arguments)
    {
        var count = target.Parameters.Length + 1;
        var values = new TaintValue[count];
        var syntaxes = new SyntaxNode?[count];
        var targets = new IOperation?[count];
        foreach (var argument in arguments)
        {
            var ordinal = argument.Parameter?.Ordinal ?? -1;
            if (ordinal < 0 || ordinal >= count)
            {
                Eval(argument.Value);
                continue;
            }

            if (argument.Parameter!.RefKind is RefKind.Out or RefKind.Ref)
            {
                targets[ordinal] = argument.Value;
                if (argument.Parameter.RefKind == RefKind.Out)
                {
                    continue;
                }
            }

            values[ordinal] = values[ordinal].Join(Eval(argument.Value));
            syntaxes[ordinal] ??= ReportSyntax(argument.Value.Syntax);
        }

        return (values, syntaxes, targets);
    }

    /// <summary>A method without a body here: its result carries its instance and arguments (<c>string.Format</c>,
    /// <c>Path.Combine</c>, <c>new StreamReader(stream)</c>); <c>TryGetValue</c> gives what the collection holds, not the
    /// key; a void, <c>bool</c> or fluent call on a collection or builder stores its arguments in it (<c>list.Add</c>,
    /// <c>builder.Append</c>).</summary>
    private TaintValue External(IMethodSymbol? target, IOperation? instanceOperation, TaintValue instance, ImmutableArray<IArgumentOperation> arguments, TaintValue[] values)
    {
        var fromArguments = TaintValue.Clean;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { RefKind: RefKind.None or RefKind.In } parameter && parameter.Type.TypeKind != TypeKind.Delegate && parameter.Ordinal < values.Length)
            {
                fromArguments = fromArguments.Join(values[parameter.Ordinal]);
            }
        }

        var result = instance.Join(fromArguments);
        AssignOutArguments(arguments, target?.Name.StartsWith("TryGet", StringComparison.Ordinal) == true ? instance : result);

        if (instanceOperation is not null and not IInstanceReferenceOperation && !fromArguments.IsClean && target is not null &&
            instanceOperation.Type is { IsReferenceType: true, SpecialType: not SpecialType.System_String } receiverType &&
            !engine.Sinks.IsNeutralizingReceiver(receiverType) && IsStoringCall(target, receiverType))
        {
            MutateRoot(instanceOperation, fromArguments);
        }

        if (target is not null && ContainerApis.SerializationTarget(target, arguments) is { } stream)
        {
            // formatter.Serialize(stream, graph): the stream now holds the graph.
            var graph = TaintValue.Clean;
            for (var i = 1; i < arguments.Length; i++)
            {
                if (arguments[i].Parameter is { } parameter && parameter.Ordinal < values.Length)
                {
                    graph = graph.Join(values[parameter.Ordinal]);
                }
            }

            if (!graph.IsClean)
            {
                MutateRoot(stream, graph);
            }
        }

        return result;
    }

    internal static readonly string[] StoringPrefixes = { "Add", "Append", "Insert", "Push", "Enqueue", "Set", "TryAdd", "Prepend", "Write", "Put", "Replace", "Load", "Import" };

    /// <summary>A call that stores its arguments in its receiver: a void, <c>bool</c> or fluent method named like
    /// <c>Add</c>, <c>Append</c>, <c>Insert</c>, <c>Push</c>, <c>Enqueue</c>, <c>Set…</c>, <c>Write…</c>, <c>LoadXml</c>.
    /// Queries such as <c>Contains</c> or <c>IndexOf</c> store nothing.</summary>
    private static bool IsStoringCall(IMethodSymbol target, ITypeSymbol receiverType)
    {
        if (ContainerApis.IsContainer(receiverType) && ContainerApis.IsStore(target))
        {
            return true;
        }

        if (!(target.ReturnsVoid || target.ReturnType.SpecialType == SpecialType.System_Boolean || SymbolEqualityComparer.Default.Equals(target.ReturnType, receiverType)))
        {
            return false;
        }

        foreach (var prefix in StoringPrefixes)
        {
            if (target.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void AssignOutArguments(ImmutableArray<IArgumentOperation> arguments, TaintValue value)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.RefKind is RefKind.Out or RefKind.Ref)
            {
                Assign(argument.Value, null, value);
            }
        }
    }

    /// <summary>A call to methods of this compilation, through their summaries: the return value, the fields and
    /// <c>out</c> parameters they write, and the sinks their parameters reach. Null when no body could be summarized
    /// (none in the compilation, or all beyond a bound), for the caller to fall back on.</summary>
    private TaintValue? ApplyCall(IOperation call, IMethodSymbol target, TaintValue instance, TaintValue[] values, SyntaxNode?[] syntaxes, IOperation?[] targets)
    {
        if (!engine.IsInSource(target))
        {
            return null;
        }

        var bodies = engine.Implementations(target);
        if (bodies.IsEmpty)
        {
            return null;
        }

        var result = TaintValue.Clean;
        var applied = false;
        foreach (var body in bodies)
        {
            var summary = engine.SummaryOf(body, depth + 1, run, cancellationToken);
            if (summary is null)
            {
                // Cut by the depth or work bound, or recursion: what this body concludes holds on this path only.
                if (run.InProgress.Contains(body.OriginalDefinition))
                {
                    dependsOnPath = true;
                }
                else
                {
                    height = int.MaxValue;
                }

                continue;
            }

            applied = true;
            height = summary.Height == int.MaxValue ? int.MaxValue : Math.Max(height, summary.Height + 1);
            dependsOnPath |= summary.DependsOnPath;
            var via = body.ContainingType.Name + "." + (body.AssociatedSymbol?.Name ?? body.Name);
            result = result.Join(Substitute(summary.Summary.Return, values, instance));
            foreach (var write in summary.Summary.FieldWrites)
            {
                var written = Substitute(write.Value, values, instance);
                Write(write.Key, bodies.Length == 1 ? written : Read(write.Key).Join(written));
            }

            foreach (var output in summary.Summary.OutParameters)
            {
                if (output.Key < targets.Length && targets[output.Key] is { } outTarget)
                {
                    Assign(outTarget, null, Substitute(output.Value, values, instance));
                }
            }

            foreach (var flow in summary.Summary.Sinks)
            {
                var reaching = Substitute(flow.Value, values, instance);
                if (!reaching.IsClean)
                {
                    RecordEvent(call.Syntax, flow.Sink, ReportPoint(flow.Value, values, syntaxes) ?? call.Syntax, reaching, via);
                }
            }
        }

        return applied ? result : (dependsOnPath || height == int.MaxValue ? TaintValue.Clean : null);
    }

    private TaintValue Substitute(TaintValue value, TaintValue[] values, TaintValue instance)
    {
        var result = value.Source is null ? TaintValue.Clean : TaintValue.FromSource(value.Source);
        var bits = value.Parameters;
        for (var ordinal = 0; bits != 0 && ordinal < 64; ordinal++, bits >>= 1)
        {
            if ((bits & 1) != 0 && ordinal < values.Length)
            {
                result = result.Join(values[ordinal]);
            }
        }

        if (value.Fields is { } fields)
        {
            foreach (var field in fields)
            {
                result = result.Join(Read(field));
            }

            result = result.Join(instance);
        }

        return result;
    }

    /// <summary>Where a flow through a call is reported: the argument that brings the untrusted data.</summary>
    private static SyntaxNode? ReportPoint(TaintValue flow, TaintValue[] values, SyntaxNode?[] syntaxes)
    {
        var bits = flow.Parameters;
        for (var ordinal = 0; bits != 0 && ordinal < 64; ordinal++, bits >>= 1)
        {
            if ((bits & 1) != 0 && ordinal < values.Length && values[ordinal].IsTainted && syntaxes[ordinal] is { } syntax)
            {
                return syntax;
            }
        }

        return null;
    }

    private TaintValue EvalAssignment(IAssignmentOperation assignment, IOperation valueOperation, bool compound)
    {
        var value = Eval(valueOperation);
        if (compound)
        {
            value = value.Join(Eval(assignment.Target));
        }

        if (assignment.Target is IPropertyReferenceOperation property && !isolated && property.Property.SetMethod is { } setter &&
            engine.IsInSource(setter) && !engine.IsAutoPropertyCached(property.Property))
        {
            // A property with a setter body: a call with the value as its last parameter.
            var instance = property.Instance is null or IInstanceReferenceOperation ? TaintValue.Clean : Eval(property.Instance);
            var (values, syntaxes, targets) = ArgumentsByOrdinal(setter, property.Arguments);
            values[setter.Parameters.Length - 1] = value;
            syntaxes[setter.Parameters.Length - 1] = ReportSyntax(valueOperation.Syntax);
            ApplyCall(assignment, setter, instance, values, syntaxes, targets);
        }
        else
        {
            Assign(assignment.Target, valueOperation, value);
        }

        sinkBuffer.Clear();
        engine.Sinks.Collect(assignment, sinkBuffer);
        foreach (var sink in sinkBuffer.ToArray())
        {
            RecordEvent(assignment.Syntax, sink, ReportSyntax(sink.Value.Syntax), sink.Value == valueOperation ? value : Probe(sink.Value), null);
        }

        return value;
    }

    private void Assign(IOperation target, IOperation? valueOperation, TaintValue value)
    {
        target = TaintValidation.Unwrap(target);
        switch (target)
        {
            case ILocalReferenceOperation local:
                Write(local.Local, value);
                RecordFlag(local.Local, valueOperation);
                RecordAlias(local.Local, valueOperation);
                break;
            case IParameterReferenceOperation parameter:
                Write(parameter.Parameter, value);
                RecordFlag(parameter.Parameter, valueOperation);
                break;
            case IDeclarationExpressionOperation declaration:
                Assign(declaration.Expression, valueOperation, value);
                break;
            case IFlowCaptureReferenceOperation capture when capturedReferences.TryGetValue(capture.Id, out var captured) && captured is not null:
                Assign(captured, valueOperation, value);
                break;
            case IFieldReferenceOperation field when SymbolFacts.HasSourceDeclaration(field.Field):
                Write(field.Field.OriginalDefinition, value);
                RecordFlag(field.Field.OriginalDefinition, valueOperation);
                break;
            case IPropertyReferenceOperation property when engine.IsAutoPropertyCached(property.Property):
                Write(property.Property.OriginalDefinition, value);
                RecordFlag(property.Property.OriginalDefinition, valueOperation);
                break;
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when !value.IsClean && indexer.Instance is { } receiver &&
                !engine.Sinks.IsNeutralizingReceiver(receiver.Type):
                MutateRoot(receiver, value);
                break;
            case IPropertyReferenceOperation { Instance: { } receiver } property when !value.IsClean && IsContentProperty(property.Property):
                MutateRoot(receiver, value);
                break;
            case IArrayElementReferenceOperation element when !value.IsClean:
                MutateRoot(element.ArrayReference, value);
                break;
            case ITupleOperation tuple:
                foreach (var element in tuple.Elements)
                {
                    Assign(element, null, value);
                }

                break;
        }
    }

    /// <summary>Properties that hold a document's content: writing them changes what the document saves.</summary>
    private static bool IsContentProperty(IPropertySymbol property) =>
        property.ContainingType?.ContainingNamespace is { } ns &&
        (SymbolFacts.IsNamespace(ns, "Xml", "System") || SymbolFacts.IsNamespace(ns, "Linq", "Xml", "System") || SymbolFacts.IsNamespace(ns, "Nodes", "Json", "Text", "System"));

    private void EvalDeconstruction(IDeconstructionAssignmentOperation deconstruction)
    {
        var target = TaintValidation.Unwrap(deconstruction.Target);
        if (target is IDeclarationExpressionOperation declaration)
        {
            target = declaration.Expression;
        }

        if (target is ITupleOperation targets && TaintValidation.Unwrap(deconstruction.Value) is ITupleOperation source && source.Elements.Length == targets.Elements.Length)
        {
            var values = new TaintValue[source.Elements.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Eval(source.Elements[i]);
            }

            for (var i = 0; i < values.Length; i++)
            {
                Assign(targets.Elements[i], source.Elements[i], values[i]);
            }

            return;
        }

        Assign(target, null, Eval(deconstruction.Value));
    }

    private void BindPattern(IPatternOperation pattern, TaintValue value)
    {
        switch (pattern)
        {
            case IDeclarationPatternOperation { DeclaredSymbol: { } declared }:
                Write(declared, value);
                break;
            case IRecursivePatternOperation { DeclaredSymbol: { } declared }:
                Write(declared, value);
                break;
        }
    }

    /// <summary>Writing untrusted data into a collection, builder, array or document taints the variable or field that
    /// holds it, and the variables it was taken from (<c>var node = doc.SelectSingleNode(…)</c>: writing into
    /// <c>node</c> changes <c>doc</c>).</summary>
    private void MutateRoot(IOperation receiver, TaintValue value)
    {
        var key = RootKey(receiver);
        for (var step = 0; key is not null && step < MaxAliasChain; step++)
        {
            Write(key, Read(key).Join(value));
            key = aliases.TryGetValue(key, out var parent) ? parent : null;
        }
    }

    private object? RootKey(IOperation operation)
    {
        for (var guard = 0; guard < 32; guard++)
        {
            operation = TaintValidation.Unwrap(operation);
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFlowCaptureReferenceOperation capture:
                    return capture.Id;
                case IFieldReferenceOperation field when field.Instance is null or IInstanceReferenceOperation:
                    return SymbolFacts.HasSourceDeclaration(field.Field) ? field.Field.OriginalDefinition : null;
                case IPropertyReferenceOperation property when property.Instance is null or IInstanceReferenceOperation:
                    return engine.IsAutoPropertyCached(property.Property) ? property.Property.OriginalDefinition : null;
                case IMemberReferenceOperation { Instance: { } instance }:
                    operation = instance;
                    break;
                case IInvocationOperation { Instance: { } instance }:
                    operation = instance;
                    break;
                case IArrayElementReferenceOperation element:
                    operation = element.ArrayReference;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    private void RecordAlias(object key, IOperation? valueOperation)
    {
        if (valueOperation is null || valueOperation.Type is not { IsReferenceType: true, SpecialType: not SpecialType.System_String })
        {
            return;
        }

        if (RootKey(valueOperation) is { } root && !TaintStateKeyEquals(root, key))
        {
            aliases[key] = root;
        }
    }

    private static bool TaintStateKeyEquals(object a, object b) =>
        a is ISymbol x && b is ISymbol y ? SymbolEqualityComparer.Default.Equals(x, y) : a.Equals(b);

    /// <summary>A boolean that holds a validation (<c>var ok = Allowed.Contains(name)</c>) validates when tested.</summary>
    private void RecordFlag(ISymbol symbol, IOperation? valueOperation)
    {
        if (valueOperation is null || valueOperation.Type?.SpecialType != SpecialType.System_Boolean)
        {
            return;
        }

        flags[symbol] = flags.ContainsKey(symbol) && flags[symbol] != valueOperation ? null : valueOperation;
    }

    // ---- Validation ------------------------------------------------------------------------------------------------

    private void Refine(TaintState target, IOperation condition, bool outcome)
    {
        var validated = new List<IOperation>();
        CollectValidated(condition, outcome, validated, 0);
        foreach (var value in validated)
        {
            if (ValidationKey(value) is not { } key)
            {
                continue;
            }

            target.Set(key, TaintValue.Clean);
            if (key is CaptureId id && captureAliases.TryGetValue(id, out var alias) && alias is not null)
            {
                target.Set(alias, TaintValue.Clean);
            }
        }
    }

    private void CollectValidated(IOperation condition, bool outcome, List<IOperation> validated, int level)
    {
        engine.Validation.Validated(condition, outcome, IsTrusted, validated);
        if (level > 4)
        {
            return;
        }

        var unwrapped = TaintValidation.Unwrap(condition);
        while (unwrapped is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            outcome = !outcome;
            unwrapped = TaintValidation.Unwrap(not.Operand);
        }

        ISymbol? flag = unwrapped switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field.OriginalDefinition,
            IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property => property.Property.OriginalDefinition,
            IFlowCaptureReferenceOperation => null,
            _ => null,
        };

        if (flag is not null && flags.TryGetValue(flag, out var flagCondition) && flagCondition is not null)
        {
            CollectValidated(flagCondition, outcome, validated, level + 1);
        }
    }

    private bool IsTrusted(IOperation value)
    {
        // The common allow-lists are a field, a local or a parameter: read them without copying the state.
        var unwrapped = TaintValidation.Unwrap(value);
        if (unwrapped is IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } or ILocalReferenceOperation or IParameterReferenceOperation)
        {
            return !Eval(unwrapped).IsTainted;
        }

        return !Probe(value).IsTainted;
    }

    /// <summary>Evaluates without effects on the state or the findings.</summary>
    private TaintValue Probe(IOperation value)
    {
        var saved = state;
        state = state.Clone();
        suppressEvents++;
        try
        {
            return Eval(value);
        }
        finally
        {
            suppressEvents--;
            state = saved;
        }
    }

    private object? ValidationKey(IOperation value)
    {
        for (var guard = 0; guard < 8; guard++)
        {
            value = TaintValidation.Unwrap(value);
            if (value is IInvocationOperation { Instance: { } instance, TargetMethod: { ContainingType.SpecialType: SpecialType.System_String, Name: "Trim" or "ToLowerInvariant" or "ToUpperInvariant" or "ToLower" or "ToUpper" } })
            {
                value = instance;
                continue;
            }

            break;
        }

        return value switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFlowCaptureReferenceOperation capture => capture.Id,
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field when SymbolFacts.HasSourceDeclaration(field.Field) => field.Field.OriginalDefinition,
            IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property when engine.IsAutoPropertyCached(property.Property) => property.Property.OriginalDefinition,
            _ => null,
        };
    }

    // ---- Sinks and results -----------------------------------------------------------------------------------------

    private void RecordSinks(IOperation operation, ImmutableArray<IArgumentOperation> arguments, TaintValue[] values)
    {
        if (isolated)
        {
            return;
        }

        sinkBuffer.Clear();
        engine.Sinks.Collect(operation, sinkBuffer);
        if (sinkBuffer.Count == 0)
        {
            return;
        }

        foreach (var sink in sinkBuffer.ToArray())
        {
            TaintValue? value = null;
            foreach (var argument in arguments)
            {
                if (argument.Value == sink.Value && argument.Parameter is { } parameter && parameter.Ordinal < values.Length)
                {
                    value = values[parameter.Ordinal];
                    break;
                }
            }

            var tainted = value ?? Probe(sink.Value);
            if (tainted.IsClean && sink.ReadsMembers)
            {
                tainted = Members(sink.Value);
            }

            RecordEvent(operation.Syntax, sink, ReportSyntax(sink.Value.Syntax), tainted, null);
        }
    }

    /// <summary>What the fields and properties of an object of this compilation hold (member state is per member, not
    /// per object), one level deep: a DTO or view model built from tainted values.</summary>
    private TaintValue Members(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        var result = TaintValue.Clean;
        for (var type = value.Type as INamedTypeSymbol; type is not null && SymbolFacts.HasSourceDeclaration(type); type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (!member.IsStatic && member is IFieldSymbol or IPropertySymbol { IsIndexer: false })
                {
                    result = result.Join(Read(member.OriginalDefinition));
                }
            }
        }

        return result;
    }

    /// <summary>The expression as written: with its null-forgiving <c>!</c>, which has no operation of its own.</summary>
    private static SyntaxNode ReportSyntax(SyntaxNode syntax)
    {
        while (syntax.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.PostfixUnaryExpressionSyntax { RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.SuppressNullableWarningExpression } suppression)
        {
            syntax = suppression;
        }

        return syntax;
    }

    private void RecordEvent(SyntaxNode eventSyntax, TaintSink sink, SyntaxNode reportAt, TaintValue value, string? via)
    {
        if (value.IsClean || suppressEvents > 0 || isolated)
        {
            return;
        }

        var key = (eventSyntax, sink.Value.Syntax, sink.RuleId);
        if (events.TryGetValue(key, out var existing))
        {
            existing.Value = existing.Value.Join(value);
        }
        else
        {
            events.Add(key, new EventRecord(eventSyntax, sink, reportAt, value, via));
        }
    }

    private ImmutableArray<TaintFinding> Findings()
    {
        var builder = ImmutableArray.CreateBuilder<TaintFinding>();
        foreach (var record in events.Values)
        {
            if (record.Value.Source is { } source)
            {
                builder.Add(new TaintFinding(record.EventSyntax, record.ReportAt, record.Sink, source, record.Via));
            }
        }

        return builder.ToImmutable();
    }

    private MethodSummary Summary(TaintState? exit)
    {
        var sinks = ImmutableArray.CreateBuilder<SinkFlow>();
        foreach (var record in events.Values)
        {
            var value = record.Value.WithoutSource();
            if (!value.IsClean)
            {
                sinks.Add(new SinkFlow(record.Sink, value));
            }
        }

        var fieldWrites = ImmutableArray.CreateBuilder<KeyValuePair<ISymbol, TaintValue>>();
        var outParameters = ImmutableArray.CreateBuilder<KeyValuePair<int, TaintValue>>();
        if (exit is not null)
        {
            foreach (var member in writtenMembers)
            {
                var value = exit.Read(member, memberDefault);
                fieldWrites.Add(new KeyValuePair<ISymbol, TaintValue>(member, value));
            }

            if (method is not null)
            {
                foreach (var parameter in method.Parameters)
                {
                    if (parameter.RefKind is RefKind.Out or RefKind.Ref)
                    {
                        outParameters.Add(new KeyValuePair<int, TaintValue>(parameter.Ordinal, exit.Read(parameter, memberDefault)));
                    }
                }
            }
        }

        return new MethodSummary(returnValue, sinks.ToImmutable(), fieldWrites.ToImmutable(), outParameters.ToImmutable());
    }
}
