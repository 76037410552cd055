using System.Threading.Tasks;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Exposure.ExceptionDetailsExposedAnalyzer>;

namespace Bastion.Tests.Exposure;

/// <summary>Exception details carried to the user inside an object: a view's model, a DTO or record serialized as the
/// response body, <c>ProblemDetails</c> extensions; and the safe twins: a generic message in the same object, details
/// shown only in development.</summary>
public sealed class ExceptionDetailsInModelsTests
{
    private static Task Verify(string source) => Verifier.Test(source).RunAsync();

    private const string Models = """

        public sealed class ErrorDetails { public string? Message { get; set; } public string? TraceId { get; set; } }
        public sealed record ErrorModel(string Message, string? Stack);
        public sealed class ErrorViewModel { public string? RequestId { get; set; } public string? Details { get; set; } }
        """;

    [Fact]
    public Task ViewsAndTheirModels_Report() => Verify("""
        using System;
        using Microsoft.AspNetCore.Mvc;

        public class HomeController : Controller
        {
            public IActionResult Named()
            {
                try { return Ok(); }
                catch (Exception ex) { return View("Error", [|ex.ToString()|]); }
            }

            public IActionResult Model()
            {
                try { return Ok(); }
                catch (Exception ex) { return View(new ErrorViewModel { Details = [|ex.Message|] }); }
            }
        }
        """ + Models);

    [Fact]
    public Task DtosAndRecords_SerializedAsTheBody_Report() => Verify("""
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            public IActionResult Record()
            {
                try { return Ok(); }
                catch (Exception ex) { return StatusCode(500, new ErrorModel([|ex.Message|], ex.StackTrace)); }
            }

            public IActionResult ThroughALocal()
            {
                try { return Ok(); }
                catch (Exception ex)
                {
                    var error = new ErrorDetails();
                    error.Message = ex.StackTrace;
                    return BadRequest([|error|]);
                }
            }
        }

        public static class ErrorMiddleware
        {
            public static void Use(WebApplication app) => app.Use(async (context, next) =>
            {
                try { await next(); }
                catch (Exception ex)
                {
                    context.Response.StatusCode = 500;
                    await context.Response.WriteAsJsonAsync(new ErrorDetails { Message = [|ex.Message|] });
                }
            });
        }
        """ + Models);

    [Fact]
    public Task GenericMessagesAndDevelopmentOnlyDetails_DoNotReport() => Verify("""
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Hosting;

        public class OrdersController(IWebHostEnvironment environment) : ControllerBase
        {
            public IActionResult Generic()
            {
                try { return Ok(); }
                catch (Exception) { return StatusCode(500, new ErrorDetails { Message = "An error occurred.", TraceId = HttpContext.TraceIdentifier }); }
            }

            public IActionResult Developer()
            {
                try { return Ok(); }
                catch (Exception ex) { return Problem(environment.IsDevelopment() ? ex.Message : "An error occurred."); }
            }

            public IActionResult DeveloperModel()
            {
                try { return Ok(); }
                catch (Exception ex)
                {
                    if (environment.IsDevelopment())
                    {
                        return StatusCode(500, new ErrorModel(ex.Message, ex.StackTrace));
                    }

                    return StatusCode(500, new ErrorModel("An error occurred.", null));
                }
            }
        }
        """ + Models);
}
