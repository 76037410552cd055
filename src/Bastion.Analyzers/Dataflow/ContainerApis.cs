using System.Collections.Generic;
using System.Collections.Immutable;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>The library calls that put a value into a container or take one out, as data: what the constant engine
/// follows through collections (<c>List</c>, <c>LinkedList</c>, <c>Queue</c>, <c>Stack</c>, <c>Dictionary</c>,
/// <c>ArrayList</c>, <c>Hashtable</c>), arrays and streams (a value serialized into a <c>MemoryStream</c>, its bytes
/// written into another and deserialized). A container is followed as a whole: what any element holds is what every
/// element read may give.</summary>
internal static class ContainerApis
{
    /// <summary>Calls on a container that store their last argument (<c>Add(key, value)</c> stores the value).</summary>
    private static readonly HashSet<string> StoreLastArgument = StringSet.Of(
        "Add", "AddLast", "AddFirst", "AddBefore", "AddAfter", "Push", "Enqueue", "Insert", "TryAdd", "Append", "Prepend", "Set", "SetValue", "AddOrUpdate");

    /// <summary>Calls on a stream or writer that store their first argument (<c>stream.Write(bytes, 0, n)</c>).</summary>
    private static readonly HashSet<string> StoreFirstArgument = StringSet.Of("Write", "WriteLine", "WriteAsync", "AddRange", "InsertRange", "PushRange", "EnqueueRange");

    /// <summary>Calls on a container that give back what it holds (<c>Pop()</c>, <c>Last()</c>, <c>ToArray()</c>).</summary>
    private static readonly HashSet<string> ReadInstance = StringSet.Of(
        "Pop", "Peek", "Dequeue", "TryPeek", "Get", "GetValue", "GetByIndex", "ToArray", "ToList", "GetBuffer", "ReadToEnd", "ToString");

    /// <summary>Extension or static calls that give back what their first argument holds.</summary>
    private static readonly HashSet<string> ReadFirstArgument = StringSet.Of(
        "First", "Last", "Single", "ElementAt", "FirstOrDefault", "LastOrDefault", "SingleOrDefault", "ElementAtOrDefault", "ToArray", "ToList");

    /// <summary>Whether values of <paramref name="type"/> hold other values the engine follows: arrays, the collections of
    /// <c>System.Collections</c> and its namespaces, and streams, readers and writers of <c>System.IO</c>.</summary>
    public static bool IsContainer(ITypeSymbol? type)
    {
        if (type is IArrayTypeSymbol)
        {
            return true;
        }

        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            var ns = current.ContainingNamespace;
            while (ns is { ContainingNamespace.IsGlobalNamespace: false } && ns.Name != "Collections" && ns.Name != "IO")
            {
                ns = ns.ContainingNamespace;
            }

            if (ns is { Name: "Collections" or "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="method"/>, called on a container, stores an argument in it whatever it returns
    /// (<c>LinkedList.AddLast</c> returns the new node, <c>ArrayList.Add</c> its index).</summary>
    public static bool IsStore(IMethodSymbol method) => StoreLastArgument.Contains(method.Name) || StoreFirstArgument.Contains(method.Name);

    /// <summary>The stream a <c>Serialize(stream, graph)</c> call writes its other arguments into (a formatter's,
    /// <c>JsonSerializer</c>'s, <c>XmlSerializer</c>'s); null for any other call.</summary>
    public static IOperation? SerializationTarget(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments) =>
        method.Name == "Serialize" && arguments.Length >= 2 && IsContainer(arguments[0].Value.Type) ? arguments[0].Value : null;

    /// <summary>The value <paramref name="call"/> stores into <paramref name="container"/>, its instance or the stream
    /// argument of a <c>Serialize(stream, graph)</c>; null when it stores nothing there.</summary>
    public static IOperation? StoredValue(IInvocationOperation call, IOperation container)
    {
        var method = call.TargetMethod;
        if (call.Instance == container && call.Arguments.Length > 0)
        {
            if (StoreLastArgument.Contains(method.Name))
            {
                return call.Arguments[call.Arguments.Length - 1].Value;
            }

            if (StoreFirstArgument.Contains(method.Name))
            {
                return call.Arguments[0].Value;
            }
        }

        if (SerializationTarget(method, call.Arguments) == container)
        {
            return call.Arguments[1].Value;
        }

        return null;
    }

    /// <summary>The container whose contents <paramref name="value"/> reads: <c>list[i]</c>, <c>array[i]</c>,
    /// <c>list.Last.Value</c>, <c>stack.Pop()</c>, <c>items.First()</c>, <c>formatter.Deserialize(stream)</c>,
    /// <c>stream.ToArray()</c>; null when it reads none.</summary>
    public static IOperation? ContainerRead(IOperation value) => value switch
    {
        IArrayElementReferenceOperation element => element.ArrayReference,
        IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } when IsContainer(instance.Type) => instance,
        IPropertyReferenceOperation { Property.Name: "Value", Instance: IPropertyReferenceOperation { Property.Name: "First" or "Last", Instance: { } list } } when IsContainer(list.Type) => list,
        IInvocationOperation { Instance: { } instance } call when ReadInstance.Contains(call.TargetMethod.Name) && IsContainer(instance.Type) => instance,
        IInvocationOperation { Instance: null, Arguments.Length: > 0 } call when ReadFirstArgument.Contains(call.TargetMethod.Name) && IsContainer(call.Arguments[0].Value.Type) =>
            call.Arguments[0].Value,
        IInvocationOperation { TargetMethod.Name: "Deserialize" } call => FirstContainerArgument(call),
        _ => null,
    };

    private static IOperation? FirstContainerArgument(IInvocationOperation call)
    {
        foreach (var argument in call.Arguments)
        {
            if (IsContainer(argument.Value.Type))
            {
                return argument.Value;
            }
        }

        return null;
    }
}
