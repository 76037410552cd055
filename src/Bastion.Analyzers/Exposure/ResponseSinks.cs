using System.Collections.Generic;
using System.Collections.Immutable;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Exposure;

/// <summary>BST4002's sinks, one line per API: what an HTTP response shows — MVC and Razor Pages results (<c>Content</c>,
/// <c>Ok</c>, <c>BadRequest</c>, <c>Problem</c>, <c>StatusCode</c>, <c>Json</c>, <c>View</c>, …), the object results'
/// constructors, minimal-API <c>Results</c> and <c>TypedResults</c>, <c>ProblemDetails.Detail</c>/<c>Title</c>,
/// <c>ContentResult.Content</c>, <c>ObjectResult.Value</c>, <c>ViewData</c>/<c>TempData</c> entries,
/// <c>HttpResponse.WriteAsync</c>/<c>WriteAsJsonAsync</c>, and System.Web's <c>Response.Write</c>. A string is shown as
/// it is; an object or generic value is serialized or rendered, so its members are read. And, where the console is what
/// the user reads (<see cref="ConsoleIsUserFacing"/>), the console (<c>Console.Write</c>/<c>WriteLine</c>,
/// <c>Console.Out</c>, <c>Console.Error</c>).</summary>
internal sealed class ResponseSinks : ITaintSinkCatalog
{
    /// <summary>How a console sink is named in a message; BST4002 reports only a stack trace there.</summary>
    public const string ConsoleSink = "the console";

    private const string Rule = RuleIdentifiers.ExceptionDetailsExposed;
    private const string Results =
        "Content,Ok,BadRequest,NotFound,Conflict,UnprocessableEntity,StatusCode,Problem,ValidationProblem,Json,Accepted,Created,CreatedAtAction," +
        "CreatedAtRoute,Unauthorized,Text,InternalServerError,View,PartialView";

    public static readonly ImmutableArray<SinkEntry> All = ImmutableArray.Create(
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("Microsoft.AspNetCore.Mvc.ControllerBase", Results), SinkEntry.AnyValue),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("Microsoft.AspNetCore.Mvc.Controller", Results), SinkEntry.AnyValue),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("Microsoft.AspNetCore.Mvc.RazorPages.PageModel", Results), SinkEntry.AnyValue),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("Microsoft.AspNetCore.Http.Results", Results), SinkEntry.AnyValue),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("Microsoft.AspNetCore.Http.TypedResults", Results), SinkEntry.AnyValue),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("Microsoft.AspNetCore.Mvc.ObjectResult", ApiMember.Constructor, derived: true), SinkEntry.AnyValue),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("Microsoft.AspNetCore.Mvc.JsonResult", ApiMember.Constructor), SinkEntry.AnyValue),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("Microsoft.AspNetCore.Http.HttpResponseWritingExtensions", "WriteAsync"), SinkEntry.AnyValue),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("Microsoft.AspNetCore.Http.HttpResponseJsonExtensions", "WriteAsJsonAsync"), SinkEntry.AnyValue),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("System.Web.HttpResponse", "Write"), SinkEntry.AnyValue),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("System.Web.HttpResponseBase", "Write", derived: true), SinkEntry.AnyValue),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("Microsoft.AspNetCore.Mvc.ProblemDetails", "Detail,Title", derived: true)),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("Microsoft.AspNetCore.Mvc.ContentResult", "Content")),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("Microsoft.AspNetCore.Mvc.ObjectResult", "Value", derived: true)),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("Microsoft.AspNetCore.Mvc.JsonResult", "Value")),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary", ApiMember.Indexer, derived: true)),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("System.Web.Mvc.ViewDataDictionary", ApiMember.Indexer, derived: true)),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("System.Web.Mvc.TempDataDictionary", ApiMember.Indexer, derived: true)));

    /// <summary><c>TempData</c> is an <c>ITempDataDictionary</c>, whose indexer is <c>IDictionary&lt;string, object&gt;</c>'s:
    /// known by the receiver, not by the member.</summary>
    private const string TempData = "Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataDictionary";

    private readonly SinkTable table;
    private readonly LazyType tempData;
    private readonly bool console;

    public ResponseSinks(Compilation compilation, bool console)
    {
        table = new SinkTable(compilation, All);
        tempData = new LazyType(compilation, TempData);
        this.console = console;
    }

    /// <summary>A console program's console is its user's screen, unless the program is a service (ASP.NET Core, the
    /// generic host, a worker), whose console is its log. A library's console is its host's: not known here.</summary>
    public static bool ConsoleIsUserFacing(Compilation compilation) =>
        compilation.Options.OutputKind == OutputKind.ConsoleApplication &&
        compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHost") is null &&
        compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext") is null;

    public void Collect(IOperation operation, List<TaintSink> sinks)
    {
        table.Collect(operation, sinks);
        if (operation is IAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Instance.Type: INamedTypeSymbol receiver } } entry &&
            tempData.Value is { } wanted && SymbolFacts.Implements(receiver, wanted))
        {
            sinks.Add(new TaintSink(entry.Value, Rule, "TempData[key]"));
        }

        if (console && operation is IInvocationOperation { TargetMethod: { Name: "Write" or "WriteLine" } method } invocation &&
            (method.ContainingType is { Name: "Console" } type && SymbolFacts.IsNamespace(type.ContainingNamespace, "System") ||
             invocation.Instance is IPropertyReferenceOperation { Property: { Name: "Out" or "Error", ContainingType.Name: "Console" } }))
        {
            // The console prints text: an object written there is its ToString(), not its members.
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && SinkTable.TakesAnyValue(parameter))
                {
                    sinks.Add(new TaintSink(argument.Value, Rule, ConsoleSink));
                }
            }
        }
    }

    public bool SinksInBounds => false;

    public bool SinksInSourceMembers => true;

    public bool IsNeutralizingReceiver(ITypeSymbol? type) => false;
}
