using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Exposure.ExceptionDetailsExposedAnalyzer>;

namespace Bastion.Tests.Exposure;

/// <summary>BST4002 against ASP.NET Core (shared framework) and a System.Web stub.</summary>
public sealed class ExceptionDetailsExposedAnalyzerTests
{
    private static Task Verify(string source) => Verifier.Test(source).RunAsync();

    [Fact]
    public Task ControllerResults_Report() => Verify("""
        using System;
        using Microsoft.AspNetCore.Mvc;
        public class OrdersController : ControllerBase
        {
            public IActionResult Get()
            {
                try { return Ok(Load()); }
                catch (InvalidOperationException ex) { return BadRequest([|ex.Message|]); }
                catch (Exception ex) { return StatusCode(500, [|ex.ToString()|]); }
            }

            public IActionResult Post()
            {
                try { return Ok(); }
                catch (Exception ex) { return Problem(detail: [|ex.StackTrace|], title: "Failed"); }
            }

            public IActionResult Put()
            {
                try { return Ok(); }
                catch (Exception ex) { return Content("Error: " + [|ex.InnerException|]); }
            }

            private static string Load() => "x";
        }
        """);

    /// <summary>Each response sink of the table, given an exception's details; the same form with a generic message is
    /// its safe twin.</summary>
    [Theory]
    [InlineData("Content({0})", "return Content({0});")]
    [InlineData("Ok({0})", "return Ok({0});")]
    [InlineData("BadRequest({0})", "return BadRequest({0});")]
    [InlineData("StatusCode(500, {0})", "return StatusCode(500, {0});")]
    [InlineData("Problem({0})", "return Problem({0});")]
    [InlineData("Json({0})", "return Json({0});")]
    [InlineData("View(\"Error\", {0})", "return View(\"Error\", {0});")]
    [InlineData("new ObjectResult({0})", "return new ObjectResult({0});")]
    [InlineData("new BadRequestObjectResult({0})", "return new BadRequestObjectResult({0});")]
    [InlineData("new JsonResult({0})", "return new JsonResult({0});")]
    [InlineData("Results.Problem({0})", "return Results.Problem({0});")]
    [InlineData("TypedResults.BadRequest({0})", "return TypedResults.BadRequest({0});")]
    [InlineData("ContentResult.Content", "return new ContentResult { Content = {0} };")]
    [InlineData("ProblemDetails.Detail", "return new ProblemDetails { Detail = {0} };")]
    [InlineData("ObjectResult.Value", "return new ObjectResult(null) { Value = {0} };")]
    [InlineData("ViewData[key]", "ViewData[\"error\"] = {0}; return View();")]
    [InlineData("TempData[key]", "TempData[\"error\"] = {0}; return View();")]
    [InlineData("Response.WriteAsync", "HttpContext.Response.WriteAsync({0}); return new EmptyResult();")]
    [InlineData("Response.WriteAsJsonAsync", "HttpContext.Response.WriteAsJsonAsync({0}); return new EmptyResult();")]
    public Task EachResponseForm_ReportsDetails_AndNotAGenericMessage(string form, string statement)
    {
        _ = form;
        return Task.WhenAll(
            Verify(ResponseTemplate(statement.Replace("{0}", "[|details|]"))),
            Verify(ResponseTemplate(statement.Replace("{0}", "\"Something went wrong\""))));
    }

    private static string ResponseTemplate(string statement) => $$"""
        using System;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        public class OrdersController : Controller
        {
            public object Get()
            {
                try { return Ok(); }
                catch (InvalidOperationException ex)
                {
                    var details = ex.ToString();
                    {{statement}}
                }
            }
        }
        """;

    /// <summary>Each exception detail of the source table, read from a framework exception and from one of the
    /// application's own that overrides the member.</summary>
    [Theory]
    [InlineData("ex.StackTrace")]
    [InlineData("ex.Source")]
    [InlineData("ex.TargetSite")]
    [InlineData("ex.Data")]
    [InlineData("ex.InnerException")]
    [InlineData("ex.ToString()")]
    [InlineData("ex.GetBaseException()")]
    [InlineData("ex.Message")]
    [InlineData("own.StackTrace")]
    [InlineData("own.ToString()")]
    public Task EachExceptionDetail_Reports(string detail) => Verify($$"""
        using System;
        using Microsoft.AspNetCore.Mvc;
        public sealed class StoreException : Exception
        {
            public override string StackTrace => "at Store.Load";
            public override string ToString() => "StoreException: " + StackTrace;
        }

        public class OrdersController : ControllerBase
        {
            public IActionResult Get(StoreException own)
            {
                try { return Ok(); }
                catch (InvalidOperationException ex) { return BadRequest([|{{detail}}|]); }
            }
        }
        """);

    /// <summary>The safe twins: a message meant for users (the application's own exception, a validation or argument
    /// exception), and members of an exception that describe nothing of the server.</summary>
    [Theory]
    [InlineData("own.Message")]
    [InlineData("argument.Message")]
    [InlineData("ex.HResult")]
    [InlineData("ex.GetType().Name")]
    public Task DetailsThatDescribeNothingOfTheServer_DoNotReport(string detail) => Verify($$"""
        using System;
        using Microsoft.AspNetCore.Mvc;
        public sealed class StoreException : Exception { }

        public class OrdersController : ControllerBase
        {
            public IActionResult Get(StoreException own, ArgumentOutOfRangeException argument)
            {
                try { return Ok(); }
                catch (InvalidOperationException ex) { return BadRequest({{detail}}); }
            }
        }
        """);

    [Fact]
    public Task ThroughVariablesObjectsAndHelpers_Report() => Verify("""
        using System;
        using Microsoft.AspNetCore.Mvc;
        public class OrdersController : ControllerBase
        {
            public IActionResult Get()
            {
                try { return Ok(); }
                catch (Exception ex)
                {
                    var details = ex.ToString();
                    var body = new { error = details };
                    return Fail([|body|]);
                }
            }

            public IActionResult Delete()
            {
                try { return Ok(); }
                catch (Exception ex) { return NotFound(new { message = [|ex.Message|] }); }
            }

            private IActionResult Fail(object body) => BadRequest(body);
        }
        """);

    [Fact]
    public Task MinimalApisProblemDetailsAndResponseWrites_Report() => Verify("""
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Diagnostics;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a", () =>
                {
                    try { return Results.Ok(); }
                    catch (Exception ex) { return Results.Problem([|ex.ToString()|]); }
                });
                app.MapGet("/b", string () =>
                {
                    try { return "ok"; }
                    catch (Exception ex) { return [|ex.StackTrace|] ?? ""; }
                });
                app.Run(async context =>
                {
                    var feature = context.Features.Get<IExceptionHandlerFeature>();
                    await context.Response.WriteAsync([|feature!.Error.Message|]);
                });
            }

            static ProblemDetails Details(Exception ex) => new ProblemDetails { Title = "Error", Detail = [|ex.ToString()|] };
        }
        """);

    [Fact]
    public Task TheExceptionObjectItself_Reports() => Verify("""
        using System;
        using Microsoft.AspNetCore.Mvc;
        public class OrdersController : ControllerBase
        {
            public IActionResult Get()
            {
                try { return Ok(); }
                catch (Exception ex) { return BadRequest([|ex|]); }
            }

            public IActionResult Put()
            {
                try { return Ok(); }
                catch (Exception ex) { return Content($"Failed: {[|ex|]}"); }
            }
        }
        """);

    [Fact]
    public Task SystemWebResponseWrite_Reports() => Verifier.Test("""
        using System;
        class Handler
        {
            void Process(System.Web.HttpResponse response)
            {
                try { Work(); }
                catch (Exception ex) { response.Write([|ex.ToString()|]); }
            }

            void Work() { }
        }
        """).WithReferences(StubLibraries.SystemWeb).RunAsync();

    [Fact]
    public Task LoggedOnTheServerGenericMessagesAndDomainErrors_DoNotReport() => Verify("""
        using System;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Logging;
        public class OrderRejectedException : Exception { public OrderRejectedException(string m) : base(m) { } }
        public class OrdersController : ControllerBase
        {
            private readonly ILogger<OrdersController> logger;
            public OrdersController(ILogger<OrdersController> logger) => this.logger = logger;

            public IActionResult Get()
            {
                try { return Ok(); }
                catch (OrderRejectedException ex) { return BadRequest(ex.Message); }
                catch (ArgumentException ex) { return BadRequest(ex.Message); }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Loading failed: {Details}", ex.ToString());
                    Console.WriteLine(ex.ToString());
                    return Problem("An unexpected error occurred.");
                }
            }

            public IActionResult Count()
            {
                try { return Ok(); }
                catch (Exception ex) { return StatusCode(500, ex.Message.Length); }
            }
        }
        """);

    [Fact]
    public Task ConsoleApplications_AreNotInScope() => Verifier.Test("""
        using System;
        class Program
        {
            static void Main()
            {
                try { } catch (Exception ex) { Console.WriteLine(ex.ToString()); }
            }
        }
        """).RunAsync();

    [Fact]
    public Task ConsoleProgram_StackTraceToItsUser_Reports() => Verifier.Test("""
        using System;
        static class Screen
        {
            public static void Show(string text) => Console.WriteLine(text);
        }

        static class Program
        {
            static int Main(string[] args)
            {
                try { return Run(args); }
                catch (InvalidOperationException ex) { Console.WriteLine([|ex.ToString()|]); }
                catch (ArgumentException ex) { Console.Error.WriteLine([|ex|]); }
                catch (FormatException ex) { Console.Out.WriteLine("Failed at " + [|ex.StackTrace|]); }
                catch (Exception ex) { Screen.Show([|ex.ToString()|]); }
                return 1;
            }

            static int Run(string[] args) => args.Length;
        }
        """).WithRuntimeOnly().AsExecutable().RunAsync();

    [Fact]
    public Task ConsoleProgram_MessageOrAServicesOrALibrarysConsole_DoesNotReport()
    {
        const string Source = """
            using System;
            static class Program
            {
                static int Main(string[] args)
                {
                    try { return args.Length; }
                    catch (InvalidOperationException ex) { Console.Error.WriteLine("error: " + ex.Message); }
                    return 1;
                }

                static void Worker()
                {
                    try { Console.WriteLine("working"); }
                    catch (Exception ex) { Console.WriteLine(ex.ToString()); }
                }
            }
            """;

        // A console program may show its user the message; a service's console (ASP.NET Core referenced) is its log;
        // a library's console belongs to whatever hosts it.
        return Task.WhenAll(
            Verifier.Test(Source.Replace("Console.WriteLine(ex.ToString())", "Console.WriteLine(ex.Message)", System.StringComparison.Ordinal)).WithRuntimeOnly().AsExecutable().RunAsync(),
            Verifier.Test(Source).AsExecutable().RunAsync(),
            Verifier.Test(Source).WithRuntimeOnly().RunAsync());
    }

    /// <summary>A type that keeps an exception's text in a field, which <c>Show</c> writes to the response; <c>{0}</c>
    /// is where a test adds members, <c>{1}</c> and <c>{2}</c> the markup around the written field.</summary>
    private const string ErrorPage = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        public class ErrorPage
        {{
            private string detail = "";

            public void Remember(Exception ex) => detail = ex.ToString();
        {0}
            public async Task Show(HttpResponse response)
            {{
                try {{ Work(); }}
                catch (InvalidOperationException e) {{ Console.WriteLine(e.Message); }}
                await response.WriteAsync({1}detail{2});
            }}

            private static void Work() {{ }}
        }}
        """;

    [Fact]
    public Task DetailsKeptInAFieldOfTheType_Report() =>
        Verify(string.Format(System.Globalization.CultureInfo.InvariantCulture, ErrorPage, string.Empty, "[|", "|]"));

    [Fact]
    public Task AFieldAWriterHandsToTheReader_DoesNotReport() => Verify(string.Format(System.Globalization.CultureInfo.InvariantCulture, ErrorPage, """

            public async Task Reset(HttpResponse response)
            {
                detail = "Please try again later";
                await Show(response);
            }

        """, string.Empty, string.Empty));
}
