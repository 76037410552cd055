using System.Collections.Concurrent;
using System.Linq;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Bounds of the taint engine, from options (<c>bastion.dataflow.*</c>). What exceeds a bound is not analysed
/// further: flows through it are missed, never invented.</summary>
internal readonly struct TaintLimits
{
    public const int DefaultMaxCallDepth = 12;
    public const int DefaultMaxWorkPerMethod = 1_000_000;

    public TaintLimits(int maxCallDepth, int maxWorkPerMethod)
    {
        MaxCallDepth = maxCallDepth;
        MaxWorkPerMethod = maxWorkPerMethod;
    }

    public static TaintLimits Default => new(DefaultMaxCallDepth, DefaultMaxWorkPerMethod);

    /// <summary>The bounds set in <c>bastion.dataflow.max_call_depth</c> and <c>bastion.dataflow.max_work_per_method</c>,
    /// shared by every rule on the taint engine.</summary>
    public static TaintLimits FromOptions(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions globalOptions)
    {
        var dataflow = new Infrastructure.RuleOptions(globalOptions, "dataflow");
        return new TaintLimits(
            dataflow.GetInt("max_call_depth", DefaultMaxCallDepth, 0, 64),
            dataflow.GetInt("max_work_per_method", DefaultMaxWorkPerMethod, 1_000, 10_000_000));
    }

    /// <summary>Whether the call-graph search may wait for the driver (<c>bastion.dataflow.defer_call_graph_search</c>, or
    /// the MSBuild property <c>BastionDeferCallGraphSearch</c> the package sets outside design-time builds): only where
    /// the whole compilation is analysed and compilation-end actions run, as in a command-line build. In an editor,
    /// which analyses one document and runs no compilation-end action, a flow through another file would never show.</summary>
    public static bool DefersCallGraphSearch(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions globalOptions)
    {
        if (new Infrastructure.RuleOptions(globalOptions, "dataflow").GetString("defer_call_graph_search") is { } option)
        {
            return bool.TryParse(option, out var value) && value;
        }

        return globalOptions.TryGetValue("build_property.BastionDeferCallGraphSearch", out var property) &&
            bool.TryParse(property.Trim(), out var fromBuild) && fromBuild;
    }

    /// <summary>How many calls deep a flow is followed from the method where it is reported.</summary>
    public int MaxCallDepth { get; }

    /// <summary>How many operation evaluations one method's analysis may take, over all passes of its fixpoint.</summary>
    public int MaxWorkPerMethod { get; }
}

/// <summary>The state of one analysis from a place of report: the methods on the current call path, and the summaries
/// already computed in this run (so that each method is analysed at most once per run, whatever the shape of the call
/// graph), within a budget of methods per run.</summary>
internal sealed class TaintRun
{
    public const int MaxMethodsPerRun = 1_000;

    public HashSet<IMethodSymbol> InProgress { get; } = new(SymbolEqualityComparer.Default);

    public Dictionary<IMethodSymbol, UnitResult> Computed { get; } = new(SymbolEqualityComparer.Default);

    public int Analysed { get; set; }
}

/// <summary>A flow of untrusted data into a sink, found in the method where it is reported.</summary>
internal sealed class TaintFinding
{
    public TaintFinding(SyntaxNode eventSyntax, SyntaxNode reportAt, TaintSink sink, TaintOrigin source, string? via)
    {
        EventSyntax = eventSyntax;
        ReportAt = reportAt;
        Sink = sink;
        Source = source;
        Via = via;
    }

    /// <summary>The invocation, creation or assignment at which the flow completes in this method.</summary>
    public SyntaxNode EventSyntax { get; }

    public SyntaxNode ReportAt { get; }

    /// <summary>The sink; its value's syntax may be in another method or file.</summary>
    public TaintSink Sink { get; }

    public TaintOrigin Source { get; }

    /// <summary>The method of this compilation through which the value reaches the sink, when the sink is in another method.</summary>
    public string? Via { get; }
}

/// <summary>A sink a method's parameters or fields reach: what the summary tells its callers.</summary>
internal readonly struct SinkFlow
{
    public SinkFlow(TaintSink sink, TaintValue value)
    {
        Sink = sink;
        Value = value;
    }

    public TaintSink Sink { get; }

    public TaintValue Value { get; }
}

/// <summary>What a method does with untrusted data, for its callers: the return value's taint, the sinks its parameters
/// and fields reach, the fields and <c>out</c>/<c>ref</c> parameters it writes. Values are expressed over the method's
/// parameters (bits) and the fields it reads before writing them, so a caller substitutes its own arguments.</summary>
internal sealed class MethodSummary
{
    public static readonly MethodSummary Empty = new(TaintValue.Clean, ImmutableArray<SinkFlow>.Empty, ImmutableArray<KeyValuePair<ISymbol, TaintValue>>.Empty, ImmutableArray<KeyValuePair<int, TaintValue>>.Empty);

    public MethodSummary(TaintValue returnValue, ImmutableArray<SinkFlow> sinks, ImmutableArray<KeyValuePair<ISymbol, TaintValue>> fieldWrites, ImmutableArray<KeyValuePair<int, TaintValue>> outParameters)
    {
        Return = returnValue;
        Sinks = sinks;
        FieldWrites = fieldWrites;
        OutParameters = outParameters;
    }

    public TaintValue Return { get; }

    public ImmutableArray<SinkFlow> Sinks { get; }

    public ImmutableArray<KeyValuePair<ISymbol, TaintValue>> FieldWrites { get; }

    public ImmutableArray<KeyValuePair<int, TaintValue>> OutParameters { get; }
}

/// <summary>One analysed body: its findings (when analysed as the place of report) and its summary.</summary>
internal sealed class UnitResult
{
    public UnitResult(ImmutableArray<TaintFinding> findings, MethodSummary summary, int height, bool dependsOnPath)
    {
        Findings = findings;
        Summary = summary;
        Height = height;
        DependsOnPath = dependsOnPath;
    }

    public ImmutableArray<TaintFinding> Findings { get; }

    public MethodSummary Summary { get; }

    /// <summary>How many calls deep the analysis went below this body; <see cref="int.MaxValue"/> when it was cut by the depth bound.</summary>
    public int Height { get; }

    /// <summary>The analysis met a method already being analysed on the current call path (recursion), so its result
    /// depends on that path and is not memoised.</summary>
    public bool DependsOnPath { get; }
}

/// <summary>The taint engine, one per compilation and rule family: does untrusted data reach a sink? Sink-first: an
/// operation is looked at only when it is a sink or calls a method of this compilation that reaches one
/// (<see cref="MayReachSink"/>), and only then is its method analysed — forward over the compiler's control-flow graph,
/// with a state per block, validation applied on the branch where it holds, and summaries of the methods it calls
/// (virtual and interface calls through every implementation in the compilation). Results are deterministic whatever
/// order the driver analyses methods in: a summary is memoised only when it does not depend on the call path (no
/// recursion met) and is reused only where the remaining depth covers the depth it needed.</summary>
internal sealed partial class TaintEngine
{
    private readonly Compilation compilation;
    private readonly ITaintSinkCatalog sinks;
    private readonly ConcurrentDictionary<SyntaxNode, UnitResult> rootResults = new();
    private readonly ConcurrentDictionary<IMethodSymbol, UnitResult> summaries = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> reachesSink = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, IMethodSymbol?[]> callees = new(SymbolEqualityComparer.Default);

    // One spare buffer each, taken with Interlocked.Exchange (so concurrent and nested callers just allocate their own):
    // the pre-check runs for every invocation, creation and assignment of the build.
    private List<TaintSink>? sinkBuffer;
    private List<IMethodSymbol?>? calleeBuffer;
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> implementations = new(SymbolEqualityComparer.Default);
    private readonly System.Func<IMethodSymbol, ImmutableArray<IMethodSymbol>> findImplementations;
    private readonly ConcurrentDictionary<ISymbol, TaintValue> memberSources = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, ImmutableArray<(IMethodSymbol? Writer, TaintValue Value)>> memberWriters = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, TaintValue> memberDependencies = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IPropertySymbol, bool> autoProperties = new(SymbolEqualityComparer.Default);

    public TaintEngine(Compilation compilation, ITaintSinkCatalog sinks, ITaintSourceCatalog sources, TaintValidation validation, TaintLimits limits)
    {
        this.compilation = compilation;
        this.sinks = sinks;
        Sources = sources;
        Validation = validation;
        Limits = limits;
        Fixed = new FixedValues(this, compilation);
        findImplementations = FindImplementations;
    }

    /// <summary>Values no context can make untrusted (<see cref="FixedValues"/>): a sink given one is not a reason to
    /// analyse anything.</summary>
    public FixedValues Fixed { get; }

    public ITaintSourceCatalog Sources { get; }

    public TaintValidation Validation { get; }

    public TaintLimits Limits { get; }

    public ITaintSinkCatalog Sinks => sinks;

    /// <summary>Cheap pre-check: <paramref name="operation"/> is a sink given a value that is not fixed, or calls (or sets a
    /// property of) a method of this compilation that reaches one. Binds the bodies of methods the driver has not visited
    /// yet (unless <see cref="Visit"/> recorded them) when it needs them; what it learns of each method is memoised for
    /// the family.</summary>
    public bool MayReachSink(IOperation operation, CancellationToken cancellationToken)
    {
        var (open, target) = Inspect(operation, operation.Kind, cancellationToken);
        return open || target is not null && ReachesSinkThrough(target, cancellationToken);
    }

    /// <summary>Whether a call of <paramref name="target"/> (any of its implementations) reaches a sink, binding what it must.</summary>
    public bool ReachesSinkThrough(IMethodSymbol target, CancellationToken cancellationToken) =>
        ReachesSinkThrough(target, visitedOnly: false, cancellationToken) == true;

    /// <summary>Whether any implementation of <paramref name="target"/> reaches a sink (<see cref="ReachesSink"/>): null
    /// when none is known to and, with <paramref name="visitedOnly"/>, one needs a method not visited yet.</summary>
    private bool? ReachesSinkThrough(IMethodSymbol target, bool visitedOnly, CancellationToken cancellationToken)
    {
        var unknown = false;
        foreach (var implementation in Implementations(target))
        {
            switch (ReachesSink(implementation, visitedOnly, cancellationToken))
            {
                case true:
                    return true;
                case null:
                    unknown = true;
                    break;
            }
        }

        return unknown ? null : false;
    }

    /// <summary>What the pre-check and a body's record need of one operation: whether it is a sink given a value some
    /// context could make untrusted, and the method of this compilation it calls, if any.</summary>
    private (bool Open, IMethodSymbol? Target) Inspect(IOperation operation, OperationKind kind, CancellationToken cancellationToken)
    {
        // A property read is never a sink of its own: only its getter matters (it runs for every property read of a body).
        var open = false;
        if (kind != OperationKind.PropertyReference)
        {
            var found = Interlocked.Exchange(ref sinkBuffer, null) ?? new List<TaintSink>();
            sinks.Collect(operation, found);
            open = found.Count > 0 && HasOpenSink(found, cancellationToken);
            found.Clear();
            sinkBuffer = found;
        }

        var target = CalledMethod(operation, kind);
        return (open, target is not null && IsInSource(target) ? target : null);
    }

    /// <summary>The operations the pre-check answers for: invocations, creations and assignments.</summary>
    private static bool IsPreCheckedKind(OperationKind kind) =>
        kind is OperationKind.Invocation or OperationKind.ObjectCreation or OperationKind.SimpleAssignment or OperationKind.CompoundAssignment;

    /// <summary>Adds what one operation of a body contributes to the body's record of callees (<see cref="Callees"/>): a
    /// null element for an open sink, which ends the record; else every implementation of the method it calls.</summary>
    private void AddToRecord(List<IMethodSymbol?> record, bool open, IMethodSymbol? target)
    {
        if (open)
        {
            record.Add(null);
        }
        else if (target is not null)
        {
            foreach (var implementation in Implementations(target))
            {
                record.Add(Definition(implementation));
            }
        }
    }

    private IMethodSymbol?[] Record(IMethodSymbol method, IOperation body, CancellationToken cancellationToken)
    {
        var locals = new List<ILocalFunctionOperation>();
        var recorded = callees.GetOrAdd(method, Callees(body, locals, cancellationToken));
        for (var i = 0; i < locals.Count && i < 256; i++)
        {
            if (locals[i].Symbol is { } local && !callees.ContainsKey(local))
            {
                callees.TryAdd(local, Callees(locals[i], locals, cancellationToken));
            }
        }

        return recorded;
    }

    /// <summary>Whether any of <paramref name="found"/> is given a value that some context could make untrusted.</summary>
    private bool HasOpenSink(List<TaintSink> found, CancellationToken cancellationToken)
    {
        foreach (var sink in found)
        {
            if (!Fixed.IsFixed(sink.Value, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The findings completed at <paramref name="operation"/>, from the analysis of the body that contains it.</summary>
    public ImmutableArray<TaintFinding> FindingsAt(IOperation operation, ISymbol containingSymbol, CancellationToken cancellationToken)
    {
        var result = ResultOfUnit(operation, containingSymbol, cancellationToken);
        if (result is null)
        {
            return ImmutableArray<TaintFinding>.Empty;
        }

        var syntax = operation.Syntax;
        var builder = ImmutableArray.CreateBuilder<TaintFinding>();
        foreach (var finding in result.Findings)
        {
            if (finding.EventSyntax == syntax)
            {
                builder.Add(finding);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>Every finding of the body that contains <paramref name="operation"/>: for source-first families, whose
    /// sources are rare and local (an exception's details in a <c>catch</c>), so the body is analysed only when it reads one.</summary>
    public ImmutableArray<TaintFinding> FindingsIn(IOperation operation, ISymbol containingSymbol, CancellationToken cancellationToken) =>
        ResultOfUnit(operation, containingSymbol, cancellationToken)?.Findings ?? ImmutableArray<TaintFinding>.Empty;

    internal UnitResult? ResultOfUnit(IOperation operation, ISymbol containingSymbol, CancellationToken cancellationToken)
    {
        var unit = UnitOf(operation, out var root);
        if (unit is null || root is null)
        {
            return null;
        }

        if (rootResults.TryGetValue(unit.Syntax, out var result))
        {
            return result;
        }

        var method = unit switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            ILocalFunctionOperation local => local.Symbol,
            _ => containingSymbol switch
            {
                IMethodSymbol containing => containing,
                IPropertySymbol property => property.GetMethod,
                _ => null,
            },
        };

        // A method's body is analysed once for its findings and its summary alike.
        if (unit == root && method is not null && HasBody(Definition(method)) && SummaryOf(method, 0, new TaintRun(), cancellationToken) is { } summarized)
        {
            result = summarized;
        }
        else
        {
            var graph = GraphForUnit(unit, root, cancellationToken);
            if (graph is null)
            {
                return null;
            }

            result = new TaintAnalysis(this, graph, method, unit, depth: 0, new TaintRun(), cancellationToken).Run();
        }

        return rootResults.GetOrAdd(unit.Syntax, result);
    }

    /// <summary>The summary of a method of this compilation called <paramref name="depth"/> calls below the place of
    /// report, or null when it is beyond the depth bound, on the current path already (recursion), or has no body.</summary>
    internal UnitResult? SummaryOf(IMethodSymbol method, int depth, TaintRun run, CancellationToken cancellationToken)
    {
        method = Definition(method);
        if (depth > Limits.MaxCallDepth || run.InProgress.Contains(method))
        {
            return null;
        }

        if (summaries.TryGetValue(method, out var cached) && (long)depth + cached.Height <= Limits.MaxCallDepth)
        {
            return cached;
        }

        // Within one run a method is analysed once: the run is sequential, so what it reuses is the same every time.
        if (run.Computed.TryGetValue(method, out var computed))
        {
            return computed;
        }

        if (++run.Analysed > TaintRun.MaxMethodsPerRun)
        {
            return null;
        }

        var graph = GraphForMethod(method, cancellationToken, out var unit);
        if (graph is null)
        {
            return null;
        }

        run.InProgress.Add(method);
        try
        {
            var result = new TaintAnalysis(this, graph, method, unit, depth, run, cancellationToken).Run();
            run.Computed[method] = result;
            if (!result.DependsOnPath && result.Height != int.MaxValue)
            {
                summaries[method] = result;
            }

            return result;
        }
        finally
        {
            run.InProgress.Remove(method);
        }
    }

    /// <summary>The bodies a call may run: the method itself, or for virtual, abstract and interface members every override
    /// and implementation declared in this compilation (at most 32).</summary>
    internal ImmutableArray<IMethodSymbol> Implementations(IMethodSymbol method)
    {
        method = Definition(method);
        return implementations.TryGetValue(method, out var known) ? known : implementations.GetOrAdd(method, findImplementations);
    }

    private ImmutableArray<IMethodSymbol> FindImplementations(IMethodSymbol method) => MethodImplementations.Find(compilation, method, HasBody);

    /// <summary>Whether a sink is reachable from <paramref name="start"/> through methods of this compilation: a
    /// depth-first search of the call graph. "Yes" is memoised for the method and every method on the path to the sink;
    /// "no" for every method the complete search visited. Past the budget the answer is "yes" (it only decides whether
    /// to analyse), and nothing is memoised. With <paramref name="visitedOnly"/>, only what <see cref="Visit"/>
    /// recorded is used, and the answer is null (nothing memoised but a "yes") when the search needs any other method.</summary>
    private bool? ReachesSink(IMethodSymbol start, bool visitedOnly, CancellationToken cancellationToken)
    {
        start = Definition(start);
        if (reachesSink.TryGetValue(start, out var known))
        {
            return known;
        }

        if (CalleesOf(start, visitedOnly, cancellationToken) is not { } first)
        {
            return null;
        }

        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { start };
        var path = new List<(IMethodSymbol Method, IMethodSymbol?[] Callees, int Next)> { (start, first, 0) };
        var found = false;
        while (path.Count > 0 && !found)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (current, calleesOfCurrent, next) = path[path.Count - 1];
            if (next >= calleesOfCurrent.Length)
            {
                path.RemoveAt(path.Count - 1);
                continue;
            }

            path[path.Count - 1] = (current, calleesOfCurrent, next + 1);
            var callee = calleesOfCurrent[next];
            if (callee is null)
            {
                found = true;
                break;
            }

            if (reachesSink.TryGetValue(callee, out var calleeKnown))
            {
                found = calleeKnown;
                continue;
            }

            if (!visited.Add(callee))
            {
                continue;
            }

            if (visited.Count > TaintRun.MaxMethodsPerRun)
            {
                return true;
            }

            if (CalleesOf(callee, visitedOnly, cancellationToken) is not { } calleesOfCallee)
            {
                return null;
            }

            path.Add((callee, calleesOfCallee, 0));
        }

        if (found)
        {
            foreach (var (method, _, _) in path)
            {
                reachesSink[method] = true;
            }

            return true;
        }

        foreach (var method in visited)
        {
            reachesSink.TryAdd(method, false);
        }

        return false;
    }

    /// <summary>The callees of <paramref name="method"/> (<see cref="Callees"/>), as recorded when the driver visited it or,
    /// unless <paramref name="visitedOnly"/>, from its body (bound now if need be, and recorded); null when it was not
    /// visited and may not be bound.</summary>
    private IMethodSymbol?[]? CalleesOf(IMethodSymbol method, bool visitedOnly, CancellationToken cancellationToken)
    {
        if (callees.TryGetValue(method, out var recorded))
        {
            return recorded;
        }

        if (visitedOnly)
        {
            return null;
        }

        return BodyOf(method, cancellationToken) is { } body ? Record(method, body, cancellationToken) : callees.GetOrAdd(method, System.Array.Empty<IMethodSymbol?>());
    }

    /// <summary>The methods of this compilation a body calls (every implementation of a virtual call), ending in a null
    /// element when the body contains an open sink itself (or is too large to read). The local functions declared
    /// directly in the body are added to <paramref name="locals"/>.</summary>
    private IMethodSymbol?[] Callees(IOperation body, List<ILocalFunctionOperation> locals, CancellationToken cancellationToken)
    {
        var result = Interlocked.Exchange(ref calleeBuffer, null) ?? new List<IMethodSymbol?>();
        result.Clear();
        var visited = 0;
        foreach (var operation in Infrastructure.OwnOperations.Of(body, locals))
        {
            if (++visited > Limits.MaxWorkPerMethod)
            {
                result.Add(null);
                break;
            }

            var kind = operation.Kind;
            if (!IsPreCheckedKind(kind) && kind != OperationKind.PropertyReference)
            {
                continue;
            }

            var (open, target) = Inspect(operation, kind, cancellationToken);
            AddToRecord(result, open, target);
            if (open)
            {
                break;
            }
        }

        var array = result.Count == 0 ? System.Array.Empty<IMethodSymbol?>() : result.ToArray();
        result.Clear();
        calleeBuffer = result;
        return array;
    }

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

    /// <summary>The body an operation belongs to: the nearest lambda or local function, or the member's root.</summary>
    private static IOperation? UnitOf(IOperation operation, out IOperation? root)
    {
        IOperation? unit = null;
        root = null;
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (unit is null && current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                unit = current;
            }

            root = current;
        }

        return unit ?? root;
    }

    private static ControlFlowGraph? GraphForUnit(IOperation unit, IOperation root, CancellationToken cancellationToken)
    {
        var graph = CreateGraph(root, cancellationToken);
        if (graph is null || unit == root)
        {
            return graph;
        }

        return FindNestedGraph(graph, unit.Syntax, 0, cancellationToken);
    }

    private static ControlFlowGraph? CreateGraph(IOperation root, CancellationToken cancellationToken)
    {
        if (root.Parent is not null)
        {
            return null;
        }

        return root switch
        {
            IBlockOperation block => ControlFlowGraph.Create(block, cancellationToken),
            IMethodBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
            IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, cancellationToken),
            IFieldInitializerOperation field => ControlFlowGraph.Create(field, cancellationToken),
            IPropertyInitializerOperation property => ControlFlowGraph.Create(property, cancellationToken),
            _ => null,
        };
    }

    /// <summary>The graph of the lambda or local function declared by <paramref name="syntax"/>, searched through the
    /// nested graphs of <paramref name="graph"/>.</summary>
    private static ControlFlowGraph? FindNestedGraph(ControlFlowGraph graph, SyntaxNode syntax, int depth, CancellationToken cancellationToken)
    {
        if (depth > 32)
        {
            return null;
        }

        foreach (var local in graph.LocalFunctions)
        {
            var nested = graph.GetLocalFunctionControlFlowGraph(local, cancellationToken);
            if (nested.OriginalOperation.Syntax == syntax || local.DeclaringSyntaxReferences.Length > 0 && local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) == syntax)
            {
                return nested;
            }

            if (syntax.SpanStart >= nested.OriginalOperation.Syntax.SpanStart && syntax.Span.End <= nested.OriginalOperation.Syntax.Span.End &&
                FindNestedGraph(nested, syntax, depth + 1, cancellationToken) is { } found)
            {
                return found;
            }
        }

        foreach (var block in graph.Blocks)
        {
            foreach (var operation in BlockOperations(block))
            {
                foreach (var descendant in operation.DescendantsAndSelf())
                {
                    if (descendant is not IFlowAnonymousFunctionOperation lambda ||
                        !(syntax.SpanStart >= lambda.Syntax.SpanStart && syntax.Span.End <= lambda.Syntax.Span.End))
                    {
                        continue;
                    }

                    var nested = graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken);
                    if (lambda.Syntax == syntax)
                    {
                        return nested;
                    }

                    if (FindNestedGraph(nested, syntax, depth + 1, cancellationToken) is { } found)
                    {
                        return found;
                    }
                }
            }
        }

        return null;
    }

    internal static IEnumerable<IOperation> BlockOperations(BasicBlock block)
    {
        foreach (var operation in block.Operations)
        {
            yield return operation;
        }

        if (block.BranchValue is { } branch)
        {
            yield return branch;
        }
    }

    private ControlFlowGraph? GraphForMethod(IMethodSymbol method, CancellationToken cancellationToken, out IOperation? unit)
    {
        unit = null;
        if (!HasBody(method))
        {
            return null;
        }

        var body = BodyOf(method, cancellationToken);
        if (body is null)
        {
            return null;
        }

        unit = body;
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            var root = body;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            var graph = CreateGraph(root, cancellationToken);
            return graph is null ? null : FindNestedGraph(graph, body.Syntax, 0, cancellationToken);
        }

        return CreateGraph(body, cancellationToken);
    }

    private IOperation? BodyOf(IMethodSymbol method, CancellationToken cancellationToken) => MethodBodies.Of(compilation, method, cancellationToken);

    internal SemanticModel SemanticModelFor(SyntaxTree tree) => MethodBodies.ModelFor(compilation, tree);
}
