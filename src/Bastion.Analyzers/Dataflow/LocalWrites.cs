using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>What counts as a write for the constant engine, and which written values carry nothing.</summary>
internal static class LocalWrites
{
    /// <summary>A write that is not a plain assignment: <c>out</c>/<c>ref</c> argument, compound assignment,
    /// increment, deconstruction target.</summary>
    public static bool IsOtherWrite(IOperation reference) => reference.Parent switch
    {
        IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In } => true,
        ICompoundAssignmentOperation compound => compound.Target == reference,
        ICoalesceAssignmentOperation coalesce => coalesce.Target == reference,
        IIncrementOrDecrementOperation => true,
        ITupleOperation { Parent: IDeconstructionAssignmentOperation } => true,
        IDeclarationExpressionOperation { Parent: IArgumentOperation { Parameter.RefKind: RefKind.Out } } => true,
        _ => false,
    };

    /// <summary>A value no credential or key is made of: <c>null</c>, <c>default</c>, the empty string, a number zero, an
    /// array or collection created empty (<c>new byte[16]</c>, <c>new List&lt;string&gt;()</c>), an object created without
    /// an initializer (what it will hold is written later). Such a write neither makes a variable constant nor unknown:
    /// a variable written <c>null</c> on a path that cannot matter and a password on the other still holds a password.</summary>
    public static bool IsNoValue(IOperation written)
    {
        while (written is IConversionOperation conversion)
        {
            written = conversion.Operand;
        }

        if (written.ConstantValue.HasValue)
        {
            return written.ConstantValue.Value switch
            {
                null => true,
                string text => text.Length == 0,
                int number => number == 0,
                _ => false,
            };
        }

        return written switch
        {
            IDefaultValueOperation => true,
            IFieldReferenceOperation { Field: { Name: "Empty", IsStatic: true, ContainingType.SpecialType: SpecialType.System_String } } => true,
            IArrayCreationOperation { Initializer: null } => true,
            IArrayCreationOperation { Initializer.ElementValues.IsEmpty: true } => true,
            IObjectCreationOperation { Initializer: null, Arguments.IsEmpty: true } => true,
            _ => false,
        };
    }
}
