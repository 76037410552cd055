using System.Collections.Generic;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Validation: the edges where a condition clears a value.</summary>
internal sealed partial class TaintAnalysis
{
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
        if (parsedInto.Count > 0 && TaintValidation.NonNullTested(condition, outcome) is ILocalReferenceOperation tested &&
            parsedInto.TryGetValue(tested.Local, out var parse) && parse is not null)
        {
            validated.Add(parse.Arguments[0].Value);
        }

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
}
