using System.Collections.Generic;
using System.Collections.Immutable;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Sinks reached, the events recorded for them, and the body's findings and summary.</summary>
internal sealed partial class TaintAnalysis
{
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
        if (value.IsClean || !value.Reaches(sink.Kinds) || suppressEvents > 0 || isolated)
        {
            return;
        }

        if (value.Source is { Uncontrolled: true } &&
            ((sink.Kinds & SinkKinds.Amount) == 0 || sink.Value.ConstantValue.HasValue || sink.Loop is { } loop && LoopConditions.HasOtherExit(loop)))
        {
            // An uncontrolled number harms only an amount: not text (the parameters it is joined with still count), not an
            // amount written at the sink itself (Thread.Sleep(int.MaxValue) says what it means), not a loop with another way out.
            value = value.WithoutSource();
            if (value.IsClean)
            {
                return;
            }
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
