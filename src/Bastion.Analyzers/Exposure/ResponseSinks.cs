using System;
using System.Collections.Generic;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Exposure;

/// <summary>BST4002's sinks: what an HTTP response shows — MVC results (<c>Content</c>, <c>Ok</c>, <c>BadRequest</c>,
/// <c>Problem</c>, <c>StatusCode</c>, <c>Json</c>, … and the result types' constructors), minimal-API <c>Results</c> and
/// <c>TypedResults</c>, <c>ProblemDetails.Detail</c>/<c>Title</c>, <c>ContentResult.Content</c>, <c>ObjectResult.Value</c>,
/// <c>ViewData</c>/<c>TempData</c> entries, <c>HttpResponse.WriteAsync</c>/<c>WriteAsJsonAsync</c>, and System.Web's
/// <c>Response.Write</c>; and, where the console is what the user reads (<see cref="ConsoleIsUserFacing"/>), the
/// console (<c>Console.Write</c>/<c>WriteLine</c>, <c>Console.Out</c>, <c>Console.Error</c>).</summary>
internal sealed class ResponseSinks : ITaintSinkCatalog
{
    /// <summary>How a console sink is named in a message; BST4002 reports only a stack trace there.</summary>
    public const string ConsoleSink = "the console";

    private readonly bool console;

    public ResponseSinks(bool console) => this.console = console;

    /// <summary>A console program's console is its user's screen, unless the program is a service (ASP.NET Core, the
    /// generic host, a worker), whose console is its log. A library's console is its host's: not known here.</summary>
    public static bool ConsoleIsUserFacing(Compilation compilation) =>
        compilation.Options.OutputKind == OutputKind.ConsoleApplication &&
        compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHost") is null &&
        compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext") is null;

    private static readonly HashSet<string> ResultMethods = new(StringComparer.Ordinal)
    {
        "Content", "Ok", "BadRequest", "NotFound", "Conflict", "UnprocessableEntity", "StatusCode", "Problem", "ValidationProblem", "Json",
        "Accepted", "Created", "CreatedAtAction", "CreatedAtRoute", "Unauthorized", "Text", "InternalServerError", "View",
        "PartialView",
    };

    public void Collect(IOperation operation, List<TaintSink> sinks)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                var method = invocation.TargetMethod;
                var type = method.ContainingType;
                if (type is null || !(ResultMethods.Contains(method.Name) || method.Name is "WriteAsync" or "WriteAsJsonAsync" or "Write" or "WriteLine") || SymbolFacts.HasSourceDeclaration(method))
                {
                    return;
                }

                if (console && method.Name is "Write" or "WriteLine" &&
                    (type.Name == "Console" && SymbolFacts.IsNamespace(type.ContainingNamespace, "System") ||
                     invocation.Instance is IPropertyReferenceOperation { Property: { Name: "Out" or "Error", ContainingType.Name: "Console" } }))
                {
                    AddArguments(invocation.Arguments, ConsoleSink, sinks);
                    return;
                }

                // Type names first, then the namespace, compared name by name.
                var ns = type.ContainingNamespace;
                var isResult = ResultMethods.Contains(method.Name) &&
                    (type.Name is "ControllerBase" or "Controller" && SymbolFacts.IsNamespace(ns, "Microsoft.AspNetCore.Mvc") ||
                     type.Name is "PageModel" && SymbolFacts.IsNamespace(ns, "Microsoft.AspNetCore.Mvc.RazorPages") ||
                     type.Name is "Results" or "TypedResults" && SymbolFacts.IsNamespace(ns, "Microsoft.AspNetCore.Http"));
                var isWrite = method.Name is "WriteAsync" or "WriteAsJsonAsync" && type.Name.StartsWith("HttpResponse", StringComparison.Ordinal) && SymbolFacts.IsNamespace(ns, "Microsoft.AspNetCore.Http") ||
                    method.Name is "Write" && type.Name is "HttpResponse" or "HttpResponseBase" && SymbolFacts.IsNamespace(ns, "System.Web");
                if (isResult || isWrite)
                {
                    AddArguments(invocation.Arguments, type.Name + "." + method.Name, sinks);
                }

                break;
            case IObjectCreationOperation { Constructor: { } constructor } creation when constructor.ContainingType.Name.EndsWith("Result", StringComparison.Ordinal) &&
                !SymbolFacts.HasSourceDeclaration(constructor) && SymbolFacts.IsNamespace(constructor.ContainingType.ContainingNamespace, "Mvc", "AspNetCore", "Microsoft"):
                AddArguments(creation.Arguments, "new " + constructor.ContainingType.Name, sinks);
                break;
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var property } } assignment when !SymbolFacts.HasSourceDeclaration(property):
                var owner = property.ContainingType?.Name;
                if (property.Name is "Detail" or "Title" && owner is "ProblemDetails" or "ValidationProblemDetails" ||
                    property.Name == "Content" && owner == "ContentResult" || property.Name == "Value" && owner is "ObjectResult" or "JsonResult" ||
                    property.IsIndexer && owner is "ViewDataDictionary" or "ITempDataDictionary" or "TempDataDictionary")
                {
                    sinks.Add(new TaintSink(assignment.Value, RuleIdentifiers.ExceptionDetailsExposed, owner + "." + (property.IsIndexer ? "this[]" : property.Name)));
                }

                break;
        }
    }

    public bool SinksInBounds => false;

    public bool IsNeutralizingReceiver(ITypeSymbol? type) => false;

    private static void AddArguments(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string description, List<TaintSink> sinks)
    {
        foreach (var argument in arguments)
        {
            // The declared type: Results.Ok<TValue>(value) and WriteAsJsonAsync<TValue> take a type parameter.
            var declared = argument.Parameter?.OriginalDefinition.Type;
            if (declared is { SpecialType: SpecialType.System_String or SpecialType.System_Object } or ITypeParameterSymbol)
            {
                // A body of type object (or generic) is serialized, or rendered as a view's model: its members are read.
                var serialized = declared is { SpecialType: SpecialType.System_Object } or ITypeParameterSymbol;
                sinks.Add(new TaintSink(argument.Value, RuleIdentifiers.ExceptionDetailsExposed, description, readsMembers: serialized && description != ConsoleSink));
            }
        }
    }
}
