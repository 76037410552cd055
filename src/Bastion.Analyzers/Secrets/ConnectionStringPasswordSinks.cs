using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Secrets;

/// <summary>The value put after a credential key of a connection string as it is built: <c>"…;Password=" + pw</c>,
/// <c>$"…;Password={pw}"</c>, <c>string.Format("…;Password={0}", pw)</c>. Whatever its name, the text before it makes
/// it a password (or an account key). Used as sinks by BST1005, so a hard-coded value that reaches one is reported.</summary>
internal static class ConnectionStringPasswordSinks
{
    private static readonly HashSet<string> Keys = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "pwd", "passwd", "user password", "userpassword", "accountkey", "sharedaccesskey", "clientsecret", "client secret",
    };

    public static void Collect(IOperation operation, List<IOperation> values)
    {
        switch (operation)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String, ConstantValue.HasValue: false } binary
                when !binary.RightOperand.ConstantValue.HasValue && KeyBefore(RightmostText(binary.LeftOperand)) is not null:
                values.Add(binary.RightOperand);
                break;
            case IInterpolatedStringOperation { ConstantValue.HasValue: false } interpolated:
                for (var i = 1; i < interpolated.Parts.Length; i++)
                {
                    if (interpolated.Parts[i] is IInterpolationOperation { Expression.ConstantValue.HasValue: false } interpolation &&
                        interpolated.Parts[i - 1] is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string text } && KeyBefore(text) is not null)
                    {
                        values.Add(interpolation.Expression);
                    }
                }

                break;
            case IInvocationOperation { TargetMethod: { Name: "Format", ContainingType.SpecialType: SpecialType.System_String } } format:
                CollectFormatArguments(format, values);
                break;
        }
    }

    /// <summary>The key a sink value follows (<c>Password</c>), as written; null when it follows none.</summary>
    public static string? KeyOf(IOperation sinkValue)
    {
        switch (sinkValue.Parent)
        {
            case IBinaryOperation binary when binary.RightOperand == sinkValue:
                return KeyBefore(RightmostText(binary.LeftOperand));
            case IInterpolationOperation { Parent: IInterpolatedStringOperation interpolated } interpolation:
                var index = interpolated.Parts.IndexOf(interpolation);
                return index > 0 && interpolated.Parts[index - 1] is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string text } ? KeyBefore(text) : null;
        }

        for (var parent = sinkValue.Parent; parent is IConversionOperation or IArrayInitializerOperation or IArrayCreationOperation or IArgumentOperation or IInvocationOperation; parent = parent.Parent)
        {
            if (parent is IInvocationOperation invocation)
            {
                return invocation.TargetMethod.Name == "Format" && FormatKeys(invocation).TryGetValue(sinkValue, out var key) ? key : null;
            }
        }

        return null;
    }

    private static void CollectFormatArguments(IInvocationOperation format, List<IOperation> values)
    {
        // A constant here too: BST1002 reads only text the compiler joins, and string.Format is not joined.
        foreach (var pair in FormatKeys(format))
        {
            values.Add(pair.Key);
        }
    }

    /// <summary>The arguments of <c>string.Format</c> whose placeholder follows a credential key, with that key.</summary>
    private static Dictionary<IOperation, string> FormatKeys(IInvocationOperation format)
    {
        var result = new Dictionary<IOperation, string>();
        IOperation? formatValue = null;
        var items = new List<IOperation>();
        foreach (var argument in format.Arguments)
        {
            if (argument.Parameter?.Name == "format")
            {
                formatValue = argument.Value;
            }
            else if (argument.Parameter?.Name is "arg0" or "arg1" or "arg2")
            {
                items.Add(argument.Value);
            }
            else if (argument.Parameter?.IsParams == true && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
            {
                items.AddRange(initializer.ElementValues);
            }
        }

        if (formatValue?.ConstantValue.Value is not string text || text.IndexOf('{') < 0)
        {
            return result;
        }

        for (var open = text.IndexOf('{'); open >= 0 && open + 1 < text.Length; open = text.IndexOf('{', open + 1))
        {
            var close = text.IndexOf('}', open);
            if (close < 0 || !int.TryParse(text.Substring(open + 1, close - open - 1).Split(',', ':')[0], out var number) ||
                number < 0 || number >= items.Count || KeyBefore(text.Substring(0, open)) is not { } key)
            {
                continue;
            }

            var item = items[number];
            while (item is IConversionOperation { IsImplicit: true } conversion)
            {
                item = conversion.Operand;
            }

            result[item] = key;
        }

        return result;
    }

    /// <summary>The constant text a concatenation's left side ends with.</summary>
    private static string? RightmostText(IOperation operand) => operand switch
    {
        { ConstantValue.Value: string text } => text,
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary => RightmostText(binary.RightOperand),
        IConversionOperation conversion => RightmostText(conversion.Operand),
        _ => null,
    };

    /// <summary>The credential key <paramref name="text"/> ends with (<c>"Server=db;Password="</c> ends with
    /// <c>Password</c>); null when it ends with no key and <c>=</c>.</summary>
    internal static string? KeyBefore(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var end = text.Length;
        while (end > 0 && text[end - 1] == ' ')
        {
            end--;
        }

        if (end == 0 || text[end - 1] != '=')
        {
            return null;
        }

        var start = end - 1;
        while (start > 0 && text[start - 1] is not (';' or '?' or '&' or '"' or '\'' or '\n'))
        {
            start--;
        }

        var key = text.Substring(start, end - 1 - start).Trim();
        return Keys.Contains(key) ? key : null;
    }
}
