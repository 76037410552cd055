using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Benchmarks;

/// <summary>An analyzer run inside a wrapper that adds up the processor time of the calling thread spent in each of its
/// callbacks (<c>cpu:&lt;set&gt;</c>). The driver's telemetry is a stopwatch around each callback, so it also counts the
/// time the analyzer thread waits for a core while the compiler's own threads run; this counts only the time on one.
/// Linux only (<c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>); the clock costs a system call, two per callback, part of
/// which is counted: <c>cpu:empty-operation-action</c> measures what that adds per callback.</summary>
#pragma warning disable RS1001 // Not discovered from an assembly: the benchmark creates it around another analyzer.
internal sealed class ThreadCpuTimedAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    private readonly DiagnosticAnalyzer inner;
    private long nanoseconds;
    private long callbacks;
    private long allocated;

    public ThreadCpuTimedAnalyzer(DiagnosticAnalyzer inner) => this.inner = inner;

    /// <summary>The wrapped analyzer's type name, as the telemetry tables name it.</summary>
    public string Name => inner.GetType().Name;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => inner.SupportedDiagnostics;

    /// <summary>The thread processor time counted since the last call, in seconds, the number of callbacks timed, and the
    /// bytes the callbacks allocated (on their own thread: what the analyzer and the compiler code it calls allocate).</summary>
    public (double Seconds, long Callbacks, long AllocatedBytes) Take() =>
        (Interlocked.Exchange(ref nanoseconds, 0) / 1e9, Interlocked.Exchange(ref callbacks, 0), Interlocked.Exchange(ref allocated, 0));

#pragma warning disable RS1025, RS1026 // The wrapped analyzer configures itself through the wrapping context.
    public override void Initialize(AnalysisContext context) => inner.Initialize(new TimedContext(context, this));
#pragma warning restore RS1025, RS1026

    public static bool IsAvailable => OperatingSystem.IsLinux();

    private Action<T> Timed<T>(Action<T> action) => context =>
    {
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var start = ThreadNanoseconds();
        try
        {
            action(context);
        }
        finally
        {
            Interlocked.Add(ref nanoseconds, ThreadNanoseconds() - start);
            Interlocked.Add(ref allocated, GC.GetAllocatedBytesForCurrentThread() - bytes);
            Interlocked.Increment(ref callbacks);
        }
    };

    private static long ThreadNanoseconds()
    {
        _ = clock_gettime(ClockThreadCpuTime, out var time);
        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }

    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clockId, out Timespec time);

    private sealed class TimedContext : AnalysisContext
    {
        private readonly AnalysisContext inner;
        private readonly ThreadCpuTimedAnalyzer owner;

        public TimedContext(AnalysisContext inner, ThreadCpuTimedAnalyzer owner)
        {
            this.inner = inner;
            this.owner = owner;
        }

        public override void EnableConcurrentExecution() => inner.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => inner.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
            inner.RegisterCompilationStartAction(owner.Timed<CompilationStartAnalysisContext>(start => action(new TimedStart(start, owner))));

        // Everything else is registered from a compilation start, on the timed start context: the same actions, timed once.
        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => Start(s => s.RegisterCompilationEndAction(action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => Start(s => s.RegisterSemanticModelAction(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => Start(s => s.RegisterSymbolAction(action, symbolKinds));

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => Start(s => s.RegisterCodeBlockAction(action));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => Start(s => s.RegisterSyntaxTreeAction(action));

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => Start(s => s.RegisterAdditionalFileAction(action));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => Start(s => s.RegisterSyntaxNodeAction(action, syntaxKinds));

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw Unsupported();

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => Start(s => s.RegisterOperationBlockAction(action));

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => Start(s => s.RegisterOperationAction(action, operationKinds));

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => throw Unsupported();

        private void Start(Action<CompilationStartAnalysisContext> register) => inner.RegisterCompilationStartAction(start => register(new TimedStart(start, owner)));
    }

#pragma warning disable RS1012 // A wrapper: the wrapped analyzer registers its actions on it.
    private sealed class TimedStart : CompilationStartAnalysisContext
    {
        private readonly CompilationStartAnalysisContext inner;
        private readonly ThreadCpuTimedAnalyzer owner;

        public TimedStart(CompilationStartAnalysisContext inner, ThreadCpuTimedAnalyzer owner)
            : base(inner.Compilation, inner.Options, inner.CancellationToken)
        {
            this.inner = inner;
            this.owner = owner;
        }

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => inner.RegisterCompilationEndAction(owner.Timed(action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => inner.RegisterSemanticModelAction(owner.Timed(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => inner.RegisterSymbolAction(owner.Timed(action), symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => inner.RegisterCodeBlockAction(owner.Timed(action));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => inner.RegisterSyntaxTreeAction(owner.Timed(action));

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => inner.RegisterAdditionalFileAction(owner.Timed(action));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => inner.RegisterSyntaxNodeAction(owner.Timed(action), syntaxKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw Unsupported();

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => inner.RegisterOperationBlockAction(owner.Timed(action));

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => inner.RegisterOperationAction(owner.Timed(action), operationKinds);

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => throw Unsupported();
    }
#pragma warning restore RS1012

    /// <summary>Block-start and symbol-start actions register nested actions on contexts this wrapper does not wrap; the
    /// analyzers it measures (Bastion's hosts, the probe) register none.</summary>
    private static NotSupportedException Unsupported() => new("The thread-CPU wrapper does not time block-start or symbol-start actions.");
}
