using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.ConfigurationIntegrity.UntrustedConnectionStringAnalyzer>;

namespace Bastion.Tests.Dataflow;

/// <summary>Each entry of the source catalogue (<c>Dataflow/TaintSources.cs</c>), through BST2001, with the
/// description the message gives it; and what is not a source.</summary>
public sealed class TaintSourceTests
{
    private static BastionTest Test(string source) => Verifier.Test(source).WithReferences(StubLibraries.SqlClient);

    private static Task Verify(string source) => Test(source).RunAsync();

    private static Task VerifySource(string body, string description, string usings = "") => Test($$"""
        using System;
        using Microsoft.Data.SqlClient;
        {{usings}}
        class C
        {
            async System.Threading.Tasks.Task M(SqlConnection connection)
            {
                {{body}}
            }
        }
        """).WithAssertion(d => Assert.All(d, x => Assert.Contains("from " + description, x.GetMessage(), System.StringComparison.Ordinal))).RunAsync();

    [Fact]
    public Task AspNetCoreRequestMembers_AreSources() => Verify("""
        using Microsoft.AspNetCore.Http;
        using Microsoft.Data.SqlClient;
        class C
        {
            async System.Threading.Tasks.Task M(HttpContext context, SqlConnection connection)
            {
                var request = context.Request;
                connection.ConnectionString = [|request.Query["db"]|];
                connection.ConnectionString = [|request.Form["db"].ToString()|];
                connection.ConnectionString = [|request.Headers["X-Db"]|];
                connection.ConnectionString = [|request.Cookies["db"]|];
                connection.ConnectionString = [|(string?)request.RouteValues["db"]|];
                connection.ConnectionString = [|request.Path.Value|];
                connection.ConnectionString = [|await new System.IO.StreamReader(request.Body).ReadToEndAsync()|];
                connection.ConnectionString = [|(await request.ReadFormAsync())["db"]|];
            }
        }
        """);

    [Fact]
    public Task ControllerActionParameters_AreSources_ServicesAndNonActionsAreNot() => Verify("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Data.SqlClient;
        public sealed class Settings { public string Server { get; set; } = ""; }
        public sealed class DbController : ControllerBase
        {
            private readonly SqlConnection connection = new();
            public IActionResult Switch(string server, [FromServices] Settings defaults, Settings posted)
            {
                connection.ConnectionString = [|"Server=" + server|];
                connection.ConnectionString = "Server=" + defaults.Server;
                connection.ConnectionString = [|"Server=" + posted.Server|];
                return Ok();
            }

            [NonAction]
            public void Helper(string server) => connection.ConnectionString = "Server=" + server;

            private void Private(string server) => connection.ConnectionString = "Server=" + server;
        }
        """);

    [Fact]
    public Task RazorPageHandlersAndBoundProperties_AreSources() => Verify("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.Data.SqlClient;
        public sealed class DbModel : PageModel
        {
            private readonly SqlConnection connection = new();
            [BindProperty] public string Database { get; set; } = "";
            public string Title { get; set; } = "";
            public void OnPost(string server)
            {
                connection.ConnectionString = [|"Server=" + server|];
                connection.ConnectionString = [|"Database=" + Database|];
                connection.ConnectionString = "Application Name=" + Title;
            }
        }
        """);

    [Fact]
    public Task MinimalApiHandlerParameters_AreSources_OtherLambdasAreNot() => Verify("""
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Data.SqlClient;
        static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapPost("/db", (string server) => { using var c = new SqlConnection([|"Server=" + server|]); });
                Func<string, SqlConnection> open = server => new SqlConnection("Server=" + server);
            }
        }
        """);

    [Fact]
    public Task SystemWebRequest_IsASource() => Test("""
        using System.Web;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(HttpRequest request, HttpRequestBase requestBase, SqlConnection connection)
            {
                connection.ConnectionString = [|request.QueryString["db"]|];
                connection.ConnectionString = [|request.Params["db"]|];
                connection.ConnectionString = [|request["db"]|];
                connection.ConnectionString = [|requestBase.QueryString["db"]|];
            }
        }
        """).WithReferences(StubLibraries.SystemWeb).RunAsync();

    [Fact]
    public Task ConsoleInput_IsASource() => VerifySource("""
        connection.ConnectionString = [|Console.ReadLine()|];
        connection.ConnectionString = [|Console.In.ReadLine()|];
        """, "Console.");

    private const string CommandLineIsUntrusted = "bastion.dataflow.command_line_is_untrusted = true";

    [Fact]
    public Task MainArguments_AreASourceWhenTheCommandLineIsUntrusted() => Test("""
        using System;
        using Microsoft.Data.SqlClient;
        static class Program
        {
            static void Main(string[] args)
            {
                using var connection = new SqlConnection([|args[0]|]);
                using var other = new SqlConnection([|Environment.GetCommandLineArgs()[1]|]);
            }
        }
        """).WithGlobalConfig(CommandLineIsUntrusted).RunAsync();

    [Fact]
    public Task TopLevelArguments_AreASourceWhenTheCommandLineIsUntrusted() => Test("""
        using Microsoft.Data.SqlClient;
        using var connection = new SqlConnection([|args[0]|]);
        """).AsExecutable().WithGlobalConfig(CommandLineIsUntrusted)
        .WithAssertion(d => Assert.Contains("the command line", Assert.Single(d).GetMessage(), System.StringComparison.Ordinal)).RunAsync();

    [Fact]
    public Task TheCommandLine_IsNotASourceByDefault() => Verify("""
        using System;
        using System.IO;
        using Microsoft.Data.SqlClient;
        static class Program
        {
            static void Main(string[] args)
            {
                using var connection = new SqlConnection(args[0]);
                using var other = new SqlConnection(Environment.GetCommandLineArgs()[1]);
                using var third = new SqlConnection(Environment.CommandLine);
            }
        }
        """);

    [Fact]
    public Task TopLevelArguments_AreNotASourceByDefault() => Test("""
        using Microsoft.Data.SqlClient;
        using var connection = new SqlConnection(args[0]);
        """).AsExecutable().RunAsync();

    [Fact]
    public Task EnvironmentVariables_AreASource() => VerifySource("""
        connection.ConnectionString = [|Environment.GetEnvironmentVariable("DB")|];
        connection.ConnectionString = [|Environment.ExpandEnvironmentVariables("%DB%")|];
        """, "an environment variable");

    [Fact]
    public Task FilesAndStreams_AreSources() => VerifySource("""
        connection.ConnectionString = [|File.ReadAllText("db.txt")|];
        connection.ConnectionString = [|(await File.ReadAllLinesAsync("db.txt"))[0]|];
        using var reader = new StreamReader("db.txt");
        connection.ConnectionString = [|reader.ReadLine()|];
        connection.ConnectionString = [|await File.OpenText("db.txt").ReadToEndAsync()|];
        """, "", "using System.IO;");

    [Fact]
    public Task SocketsAndNetworkStreams_AreSources() => VerifySource("""
        using var client = new TcpClient("peer", 9000);
        using var reader = new StreamReader(client.GetStream());
        connection.ConnectionString = [|reader.ReadLine()|];
        var listener = new TcpListener(IPAddress.Loopback, 9000);
        using var socket = listener.AcceptSocket();
        var buffer = new byte[256];
        socket.Receive(buffer);
        connection.ConnectionString = [|Encoding.UTF8.GetString(buffer)|];
        var other = new byte[256];
        client.GetStream().Read(other, 0, other.Length);
        connection.ConnectionString = [|Encoding.UTF8.GetString(other)|];
        """, "network data", "using System.IO; using System.Net; using System.Net.Sockets; using System.Text;");

    [Fact]
    public Task WebClientsAndHttpResponses_AreSources() => VerifySource("""
        #pragma warning disable SYSLIB0014
        using var web = new WebClient();
        connection.ConnectionString = [|web.DownloadString("https://config.example/db")|];
        using var http = new HttpClient();
        connection.ConnectionString = [|await http.GetStringAsync("https://config.example/db")|];
        var response = await http.GetAsync("https://config.example/db");
        connection.ConnectionString = [|await response.Content.ReadAsStringAsync()|];
        """, "", "using System.Net; using System.Net.Http;");

    [Fact]
    public Task DatabaseReaders_AreSources() => VerifySource("""
        using var command = connection.CreateCommand();
        using var reader = command.ExecuteReader();
        connection.ConnectionString = [|reader.GetString(0)|];
        connection.ConnectionString = [|(string)reader["server"]|];
        connection.ConnectionString = [|reader.GetFieldValue<string>(1)|];
        connection.ConnectionString = [|(string?)command.ExecuteScalar()|];
        """, "a database value");

    [Fact]
    public Task ConfigurationAndConstants_AreNotSources() => Verify("""
        using Microsoft.Extensions.Configuration;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(IConfiguration configuration, SqlConnection connection, string parameterOfAnOrdinaryMethod)
            {
                connection.ConnectionString = configuration.GetConnectionString("Shop");
                connection.ConnectionString = configuration["Db:Server"];
                connection.ConnectionString = parameterOfAnOrdinaryMethod;
                connection.ConnectionString = System.IO.Path.GetTempPath();
            }
        }
        """);

    [Fact]
    public Task ReadersOpenedWhereTheyAreRead_AreSources_ReadersHandedInAreNot() => Verify("""
        using System.IO;
        using Microsoft.Data.SqlClient;
        class C
        {
            private readonly TextReader settings = new StringReader("Server=db");

            void Opened(SqlConnection connection, string path)
            {
                using var reader = new StreamReader(path);
                connection.ConnectionString = [|reader.ReadLine()|];
                using var text = File.OpenText(path);
                connection.ConnectionString = [|text.ReadToEnd()|];
                connection.ConnectionString = [|new StreamReader(path).ReadLine()|];
            }

            void HandedIn(SqlConnection connection, TextReader reader, BinaryReader binary)
            {
                connection.ConnectionString = reader.ReadLine();
                connection.ConnectionString = binary.ReadString();
                connection.ConnectionString = settings.ReadToEnd();
            }
        }
        """);
}
