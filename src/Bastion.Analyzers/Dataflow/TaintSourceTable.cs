using System.Collections.Immutable;

namespace Bastion.Analyzers.Dataflow;

/// <summary>The untrusted data every taint family starts from, one line per API: request data of ASP.NET Core and
/// System.Web, the console, the command line, environment variables, files and streams, sockets, web clients and HTTP
/// responses, and database readers. Parameters bound from a request (controller actions, Razor Page handlers,
/// minimal-API handlers) are found by <see cref="TaintSources"/> itself.</summary>
internal static class TaintSourceTable
{
    private const string AspNetCoreRequest = "Query,Form,Headers,Cookies,RouteValues,Body,BodyReader,Path,PathBase,QueryString,Host,ReadFormAsync";
    private const string SystemWebRequest =
        "QueryString,Params,Form,Cookies,Headers,ServerVariables,InputStream,RawUrl,Url,PathInfo,UserAgent,UrlReferrer,Path,this[],Files,Unvalidated";
    private const string FileReads =
        "ReadAllText,ReadAllTextAsync,ReadAllLines,ReadAllLinesAsync,ReadLines,ReadLinesAsync,ReadAllBytes,ReadAllBytesAsync,OpenText,OpenRead";
    private const string ReaderReads = "ReadLine,ReadLineAsync,ReadToEnd,ReadToEndAsync,Read,ReadAsync,ReadBlock,ReadBlockAsync,ReadString,ReadChars,ReadBytes";
    private const string WebClientReads =
        "DownloadString,DownloadStringTaskAsync,DownloadData,DownloadDataTaskAsync,OpenRead,OpenReadTaskAsync,UploadString,UploadStringTaskAsync," +
        "UploadData,UploadDataTaskAsync,UploadValues,UploadValuesTaskAsync";
    private const string HttpReads =
        "GetStringAsync,GetByteArrayAsync,GetStreamAsync,GetAsync,PostAsync,PutAsync,PatchAsync,SendAsync,Send,GetFromJsonAsync,ReadAsStringAsync," +
        "ReadAsStreamAsync,ReadAsByteArrayAsync,ReadFromJsonAsync,ReadAsStream";
    private const string DataReads = "GetString,GetValue,GetFieldValue,GetFieldValueAsync,GetChars,GetValues,this[],GetStream,GetTextReader,ExecuteScalar,ExecuteScalarAsync";

    public static readonly ImmutableArray<SourceEntry> Reads = ImmutableArray.Create(
        new SourceEntry(new ApiMember("Microsoft.AspNetCore.Http.HttpRequest", AspNetCoreRequest, derived: true), "HttpRequest.{member}"),
        new SourceEntry(new ApiMember("System.Web.HttpRequest", SystemWebRequest), "HttpRequest.{member}"),
        new SourceEntry(new ApiMember("System.Web.HttpRequestBase", SystemWebRequest, derived: true), "HttpRequest.{member}"),
        new SourceEntry(new ApiMember("System.Console", "ReadLine,Read,ReadKey,In,OpenStandardInput"), "Console.{member}"),
        new SourceEntry(new ApiMember("System.Environment", "GetEnvironmentVariable,GetEnvironmentVariables,ExpandEnvironmentVariables"), "an environment variable"),
        new SourceEntry(new ApiMember("System.Environment", "GetCommandLineArgs,CommandLine"), "the command line", commandLine: true),
        new SourceEntry(new ApiMember("System.IO.File", FileReads), "file content ({type}.{member})", exceptConfigurationFiles: true),
        new SourceEntry(new ApiMember("System.IO.FileInfo", FileReads), "file content ({type}.{member})", exceptConfigurationFiles: true),
        new SourceEntry(new ApiMember("System.Net.Sockets.TcpClient", "GetStream"), "network data ({type}.{member})"),
        new SourceEntry(new ApiMember("System.Net.Sockets.TcpListener", "AcceptTcpClient,AcceptTcpClientAsync,AcceptSocket,AcceptSocketAsync"), "network data ({type}.{member})"),
        new SourceEntry(new ApiMember("System.Net.Sockets.UdpClient", "Receive,ReceiveAsync"), "network data ({type}.{member})"),
        new SourceEntry(new ApiMember("System.Net.WebClient", WebClientReads), "a web response (WebClient.{member})"),
        new SourceEntry(new ApiMember("System.Net.Http.HttpClient", HttpReads), "an HTTP response ({type}.{member})"),
        new SourceEntry(new ApiMember("System.Net.Http.Json.HttpClientJsonExtensions", HttpReads), "an HTTP response ({type}.{member})"),
        new SourceEntry(new ApiMember("System.Net.Http.HttpContent", HttpReads, derived: true), "an HTTP response ({member})"),
        new SourceEntry(new ApiMember("System.Net.Http.Json.HttpContentJsonExtensions", HttpReads), "an HTTP response ({member})"),
        new SourceEntry(new ApiMember("System.IO.TextReader", ReaderReads, derived: true), "stream content ({type}.{member})", openedHere: true),
        new SourceEntry(new ApiMember("System.IO.BinaryReader", ReaderReads, derived: true), "stream content ({type}.{member})", openedHere: true),
        new SourceEntry(new ApiMember("System.Data.IDataRecord", DataReads, derived: true), "a database value ({type}.{member})"),
        new SourceEntry(new ApiMember("System.Data.IDbCommand", DataReads, derived: true), "a database value ({type}.{member})"));

    /// <summary>Numbers nobody chose that nothing bounds, called without arguments: harmful as a size, count or duration
    /// only (<see cref="TaintOrigin.Uncontrolled"/>). <c>Next(max)</c> and <c>GetInt32(max)</c> are bounded.</summary>
    public static readonly ImmutableArray<SourceEntry> Unbounded = ImmutableArray.Create(
        new SourceEntry(new ApiMember("System.Random", "Next,NextInt64", derived: true), "an unbounded random number ({type}.{member}())"));

    /// <summary>Reads that fill a buffer argument with untrusted data (<c>socket.Receive(buffer)</c>).</summary>
    public static readonly ImmutableArray<SourceEntry> BufferFills = ImmutableArray.Create(
        new SourceEntry(new ApiMember("System.Net.Sockets.Socket", "Receive,ReceiveAsync,ReceiveFrom,ReceiveFromAsync,ReceiveMessageFrom,ReceiveMessageFromAsync"), "network data (Socket.{member})"),
        new SourceEntry(new ApiMember("System.Net.Sockets.NetworkStream", "Read,ReadAsync,ReadAtLeast,ReadAtLeastAsync,ReadExactly,ReadExactlyAsync"), "network data ({type}.{member})"),
        new SourceEntry(new ApiMember("System.Net.Security.SslStream", "Read,ReadAsync,ReadAtLeast,ReadAtLeastAsync,ReadExactly,ReadExactlyAsync"), "network data ({type}.{member})"));
}
