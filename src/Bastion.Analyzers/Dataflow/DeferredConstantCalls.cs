using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>The calls of a command-line build that pass a constant to a method of this compilation, decided at
/// compilation end from what the driver's walk of every body recorded, instead of by binding each callee's body at the
/// call (<see cref="ConstantFlowEngine.ParametersReachingSinks"/>: on real code most of the constant-flow rules' time,
/// nearly all of it spent on callees that reach no sink). Each body records only what it says itself: a parameter of its
/// own that reaches a sink, a parameter it passes on to another method, a constant it passes to one. At compilation end
/// the summaries follow from these records, as the editor's would: per parameter, the first sink in the body's order,
/// its own or one reached through a call, through at most <see cref="MaxDepth"/> calls, recursive calls not followed.
/// Records keep syntax, never operations (which would keep every bound body of the build alive).</summary>
internal sealed class DeferredConstantCalls
{
    /// <summary>As <see cref="ConstantFlowEngine"/>'s summaries: calls followed below the one called. (Its bound is 8, but
    /// a summary at depth d evaluates its sinks and arguments at d + 1, so the deepest that finds anything is 7.)</summary>
    private const int MaxDepth = 7;

    /// <summary>Bound on the passes of the resolution (each pass is one look at every record of a passed-on parameter).</summary>
    private const int MaxPasses = 64;

    /// <summary>Per parameter, the first sink in its body's order: where (<c>Order</c>) and how many calls below it
    /// (<c>Level</c>).</summary>
    private readonly ConcurrentDictionary<ParameterKey, (OperationAt Sink, Order Order, int Level)> sinks = new();

    private readonly Calls calls;

    /// <param name="compilation">The calls are recorded once per compilation for every constant-flow rule
    /// (<see cref="Calls"/>): the first rule's analysis records them, <see cref="RecordsCalls"/>.</param>
    public DeferredConstantCalls(Compilation compilation)
    {
        calls = Calls.For(compilation);
        RecordsCalls = calls.Claim();
    }

    /// <summary>Whether this rule's walk records the calls (<see cref="AddPassedOn"/>, <see cref="AddArgument"/>) for
    /// every constant-flow rule of the compilation: true for one of them.</summary>
    public bool RecordsCalls { get; }

    /// <summary>What a body says of the calls it makes, the same for every rule whatever its sinks: recorded once per
    /// compilation (on a library, the calls are most of what these rules record).</summary>
    private sealed class Calls
    {
        private static readonly ConditionalWeakTable<Compilation, Calls> ByCompilation = new();
        private int claimed;

        /// <summary>A call in the body of <c>From</c>'s method passes that parameter on to <c>To</c>.</summary>
        public ConcurrentQueue<(ParameterKey To, ParameterKey From, Order Order)> PassedOn { get; } = new();

        /// <summary>Arguments not yet evaluated: the parameter they are passed to, the value, and the call's place in its body.</summary>
        public ConcurrentQueue<(ParameterKey Key, OperationAt Argument, Order Call)> Arguments { get; } = new();

        public static Calls For(Compilation compilation) => ByCompilation.GetValue(compilation, static _ => new Calls());

        public bool Claim() => Interlocked.Exchange(ref claimed, 1) == 0;
    }

    /// <summary><paramref name="sinkValue"/>, a sink's value in <paramref name="operation"/>, is <paramref name="parameter"/>.</summary>
    public void AddSink(IParameterSymbol parameter, string? memberPath, IOperation operation, IOperation sinkValue)
    {
        var path = (Sink: new OperationAt(sinkValue), Order: Order.OfSink(operation), Level: 0);
        sinks.AddOrUpdate(new ParameterKey(parameter.ContainingSymbol, parameter.Ordinal, memberPath), path, (_, existing) => existing.Order.CompareTo(path.Order) <= 0 ? existing : path);
    }

    /// <summary><paramref name="call"/> passes <paramref name="parameter"/> itself (of the method it is in) to
    /// <paramref name="target"/>'s parameter <paramref name="ordinal"/>.</summary>
    public void AddPassedOn(IMethodSymbol target, int ordinal, IParameterSymbol parameter, IOperation call)
    {
        // A recursive call is not followed, as the editor's summary does not follow it.
        if (!SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, parameter.ContainingSymbol.OriginalDefinition))
        {
            calls.PassedOn.Enqueue((new ParameterKey(target, ordinal), new ParameterKey(parameter.ContainingSymbol, parameter.Ordinal), Order.OfCall(call, ordinal)));
        }
    }

    /// <summary><paramref name="call"/> passes <paramref name="argumentValue"/> to <paramref name="target"/>'s parameter
    /// <paramref name="ordinal"/>. What the value is (a constant, a parameter passed on through a local or a transformer,
    /// or neither) is asked only at compilation end, and only if that parameter reaches a sink: evaluating every
    /// argument of every call (its locals, fields and methods) would be most of what the rules spend in a build.</summary>
    public void AddArgument(IMethodSymbol target, int ordinal, IOperation argumentValue, IOperation call) =>
        calls.Arguments.Enqueue((new ParameterKey(target, ordinal), new OperationAt(argumentValue), Order.OfCall(call, ordinal)));

    /// <summary>Every argument passed to a parameter that reaches a sink whose value <paramref name="evaluate"/> says is a
    /// constant, with the sink's value. An argument that is a parameter passed on (through a local, say) is a new record,
    /// and the summaries are resolved again, until no argument found adds one.</summary>
    public List<(IOperation Value, ValueSource Source, OperationAt Sink)> ConstantsReachingSinks(
        Compilation compilation, System.Func<IOperation, string?, ValueSource> evaluate, CancellationToken cancellationToken)
    {
        // No parameter of the compilation reaches one of this rule's sinks (most builds): nothing to evaluate.
        if (sinks.IsEmpty)
        {
            return new List<(IOperation Value, ValueSource Source, OperationAt Sink)>();
        }

        var pending = calls.Arguments.ToArray();
        var asked = new bool[pending.Length];
        var constants = new List<(int Index, string? Path, IOperation Value, ValueSource Source)>();
        var passedOn = new List<(ParameterKey To, ParameterKey From, Order Order)>(calls.PassedOn);
        var paths = Resolve(passedOn, cancellationToken);
        for (var round = 0; round < MaxPasses && paths.Count > 0; round++)
        {
            var passedOnFound = false;
            for (var i = 0; i < pending.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (asked[i] || !Reaches(paths, pending[i].Key))
                {
                    continue;
                }

                asked[i] = true;
                if (pending[i].Argument.Find(compilation, cancellationToken) is not { } value)
                {
                    continue;
                }

                foreach (var memberPath in PathsOf(paths, pending[i].Key))
                {
                    var source = evaluate(value, memberPath);
                    if (source.IsConstant)
                    {
                        constants.Add((i, memberPath, value, source));
                    }
                    else if (source.IsParameter && !SymbolEqualityComparer.Default.Equals(pending[i].Key.Method, source.Parameter!.ContainingSymbol.OriginalDefinition) &&
                        (memberPath is null || source.Path == memberPath))
                    {
                        // The parameter (or, read with a member path already, the parameter itself) is passed on: the
                        // resolution composes the paths.
                        var from = new ParameterKey(source.Parameter.ContainingSymbol, source.Parameter.Ordinal, memberPath is null ? source.Path : null);
                        passedOn.Add((pending[i].Key, from, pending[i].Call));
                        passedOnFound = true;
                    }
                }
            }

            if (!passedOnFound)
            {
                break;
            }

            paths = Resolve(passedOn, cancellationToken);
        }

        var result = new List<(IOperation Value, ValueSource Source, OperationAt Sink)>();
        foreach (var (index, memberPath, value, source) in constants)
        {
            if (paths.TryGetValue(pending[index].Key.WithPath(memberPath), out var sink))
            {
                result.Add((value, source, sink));
            }
        }

        return result;
    }

    /// <summary>For each parameter that reaches a sink, the sink's value: its own first, then through the parameters
    /// it is passed on to, a level of calls per pass.</summary>
    private Dictionary<ParameterKey, OperationAt> Resolve(List<(ParameterKey To, ParameterKey From, Order Order)> records, CancellationToken cancellationToken)
    {
        var reached = new Dictionary<ParameterKey, (OperationAt Sink, Order Order, int Level)>(sinks);
        var result = new Dictionary<ParameterKey, OperationAt>();

        foreach (var pair in sinks)
        {
            AddOverridden(reached, pair.Key, pair.Value);
        }

        var memberPaths = new HashSet<string?>();
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            memberPaths.Clear();
            foreach (var key in reached.Keys)
            {
                memberPaths.Add(key.Path);
            }

            var changed = false;
            foreach (var record in records)
            {
                foreach (var memberPath in memberPaths)
                {
                    if (!reached.TryGetValue(record.To.WithPath(memberPath), out var there) || there.Level >= MaxDepth ||
                        !ValueSource.TryCompose(record.From.Path, memberPath, out var composed))
                    {
                        continue;
                    }

                    // The first in the caller's body wins; the same call again takes what its callee now reaches, which a
                    // later pass may have changed to a sink earlier in the callee's body.
                    var from = record.From.WithPath(composed);
                    var candidate = (there.Sink, record.Order, Level: there.Level + 1);
                    var exists = reached.TryGetValue(from, out var here);
                    var order = exists ? candidate.Order.CompareTo(here.Order) : -1;
                    if (order < 0 || order == 0 && (candidate.Sink.Syntax != here.Sink.Syntax || candidate.Level != here.Level))
                    {
                        reached[from] = candidate;
                        AddOverridden(reached, from, candidate);
                        changed = true;
                    }
                }
            }

            if (!changed)
            {
                break;
            }
        }

        foreach (var pair in reached)
        {
            result[pair.Key] = pair.Value.Sink;
        }

        return result;
    }

    /// <summary>A parameter of an override or interface implementation that reaches a sink makes the same parameter of
    /// the member it overrides or implements reach it: a virtual call may run that body.</summary>
    private static void AddOverridden(Dictionary<ParameterKey, (OperationAt Sink, Order Order, int Level)> reached, ParameterKey key, (OperationAt Sink, Order Order, int Level) entry)
    {
        if (key.Method is not IMethodSymbol method)
        {
            return;
        }

        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            AddIfAbsent(reached, new ParameterKey(overridden, key.Ordinal, key.Path), entry);
        }

        if (method.ContainingType is not { } type || method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation))
        {
            return;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (member is IMethodSymbol candidate && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(candidate)?.OriginalDefinition, method))
                {
                    AddIfAbsent(reached, new ParameterKey(candidate, key.Ordinal, key.Path), entry);
                }
            }
        }

        foreach (var explicitly in method.ExplicitInterfaceImplementations)
        {
            AddIfAbsent(reached, new ParameterKey(explicitly, key.Ordinal, key.Path), entry);
        }
    }

    private static void AddIfAbsent(Dictionary<ParameterKey, (OperationAt Sink, Order Order, int Level)> reached, ParameterKey key, (OperationAt Sink, Order Order, int Level) entry)
    {
        if (!reached.ContainsKey(key))
        {
            reached[key] = entry;
        }
    }

    /// <summary>Whether any path of <paramref name="key"/>'s parameter reaches a sink.</summary>
    private static bool Reaches(Dictionary<ParameterKey, OperationAt> paths, ParameterKey key)
    {
        foreach (var found in paths.Keys)
        {
            if (found.Ordinal == key.Ordinal && SymbolEqualityComparer.Default.Equals(found.Method, key.Method))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The paths through which <paramref name="key"/>'s parameter reaches a sink, the parameter itself first.</summary>
    private static List<string?> PathsOf(Dictionary<ParameterKey, OperationAt> paths, ParameterKey key)
    {
        var found = new List<string?>();
        foreach (var candidate in paths.Keys)
        {
            if (candidate.Ordinal == key.Ordinal && SymbolEqualityComparer.Default.Equals(candidate.Method, key.Method))
            {
                found.Add(candidate.Path);
            }
        }

        found.Sort(string.CompareOrdinal);
        return found;
    }

    /// <summary>A parameter, by its method's (or local function's) definition and ordinal, and the member of it that
    /// reaches a sink (null for the parameter itself).</summary>
    internal readonly struct ParameterKey : System.IEquatable<ParameterKey>
    {
        public ParameterKey(ISymbol method, int ordinal, string? path = null)
        {
            Method = method.OriginalDefinition;
            Ordinal = ordinal;
            Path = path;
        }

        public ISymbol Method { get; }

        public int Ordinal { get; }

        public string? Path { get; }

        public ParameterKey WithPath(string? path) => new(Method, Ordinal, path);

        public bool Equals(ParameterKey other) => Ordinal == other.Ordinal && string.Equals(Path, other.Path, System.StringComparison.Ordinal) &&
            SymbolEqualityComparer.Default.Equals(Method, other.Method);

        public override bool Equals(object? obj) => obj is ParameterKey other && Equals(other);

        public override int GetHashCode() => SymbolEqualityComparer.Default.GetHashCode(Method) * 31 + Ordinal;
    }

    /// <summary>The editor's summary walks a body in pre-order and looks at an operation's sinks before the calls it makes:
    /// start, then the longer (outer) operation first, then a sink before a call, then (one call passing a parameter to
    /// several of the callee's) the lower parameter ordinal.</summary>
    internal readonly struct Order : System.IComparable<Order>
    {
        private readonly int start;
        private readonly int length;

        /// <summary>-1 for a sink; for a call, the ordinal of the callee's parameter it passes to.</summary>
        private readonly int passedTo;

        private Order(int start, int length, int passedTo)
        {
            this.start = start;
            this.length = length;
            this.passedTo = passedTo;
        }

        public static Order OfSink(IOperation operation) => new(operation.Syntax.SpanStart, operation.Syntax.Span.Length, -1);

        public static Order OfCall(IOperation call, int passedTo) => new(call.Syntax.SpanStart, call.Syntax.Span.Length, passedTo);

        public int CompareTo(Order other) =>
            start != other.start ? start.CompareTo(other.start) :
            length != other.length ? other.length.CompareTo(length) :
            passedTo.CompareTo(other.passedTo);
    }
}
