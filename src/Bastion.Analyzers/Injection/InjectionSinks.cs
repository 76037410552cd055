using System.Collections.Immutable;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using K = Bastion.Analyzers.Injection.InjectionKinds;
using R = Bastion.Analyzers.Infrastructure.RuleIdentifiers;

namespace Bastion.Analyzers.Injection;

/// <summary>The injection family's sinks, one line per API: the rule, the sink kind, the type by metadata name (and
/// whether subclasses count), the members and the parameters that must not carry untrusted data. A parameterized API
/// (a <c>SqlParameter</c>, a structured log template's arguments, <c>ProcessStartInfo.ArgumentList</c>) is not listed:
/// it is the safe form each rule's page recommends.</summary>
internal static class InjectionSinks
{
    private const string FilePaths = "path,path1,path2,sourceFileName,destFileName,destinationFileName,destinationBackupFileName,sourceDirName,destDirName,fileName";
    private const string FileMembers =
        "Exists,Open,OpenRead,OpenText,OpenWrite,Create,CreateText,AppendText,Delete,Copy,Move,Replace,ReadAllText,ReadAllTextAsync,ReadAllLines," +
        "ReadAllLinesAsync,ReadAllBytes,ReadAllBytesAsync,ReadLines,ReadLinesAsync,WriteAllText,WriteAllTextAsync,WriteAllLines,WriteAllLinesAsync," +
        "WriteAllBytes,WriteAllBytesAsync,AppendAllText,AppendAllTextAsync,AppendAllLines,AppendAllLinesAsync,SetAttributes,GetAttributes,Encrypt,Decrypt";
    private const string DirectoryMembers =
        "Exists,CreateDirectory,Delete,Move,GetFiles,GetDirectories,GetFileSystemEntries,EnumerateFiles,EnumerateDirectories,EnumerateFileSystemEntries";
    private const string DapperMembers =
        "Query,QueryAsync,QueryFirst,QueryFirstAsync,QueryFirstOrDefault,QueryFirstOrDefaultAsync,QuerySingle,QuerySingleAsync,QuerySingleOrDefault," +
        "QuerySingleOrDefaultAsync,QueryMultiple,QueryMultipleAsync,Execute,ExecuteAsync,ExecuteScalar,ExecuteScalarAsync,ExecuteReader,ExecuteReaderAsync";
    private const string LogLevels = "Log,Trace,Debug,Info,Warn,Error,Fatal";
    private const string MelLevels = "Log,LogTrace,LogDebug,LogInformation,LogWarning,LogError,LogCritical";
    private const string SerilogLevels = "Write,Verbose,Debug,Information,Warning,Error,Fatal";

    public static readonly ImmutableArray<SinkEntry> All = ImmutableArray.Create(
        // SQL (CWE-89): the text of a command, whatever the provider.
        new SinkEntry(R.SqlInjection, K.Sql, new ApiMember("System.Data.IDbCommand", "CommandText", derived: true)),
        new SinkEntry(R.SqlInjection, K.Sql, new ApiMember("System.Data.Common.DbCommand", ApiMember.Constructor, derived: true), "cmdText,commandText"),
        new SinkEntry(R.SqlInjection, K.Sql, new ApiMember("System.Data.Common.DbDataAdapter", ApiMember.Constructor, derived: true), "selectCommandText"),
        new SinkEntry(R.SqlInjection, K.Sql, new ApiMember("Microsoft.EntityFrameworkCore.RelationalQueryableExtensions", "FromSqlRaw"), "sql"),
        new SinkEntry(R.SqlInjection, K.Sql, new ApiMember("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", "ExecuteSqlRaw,ExecuteSqlRawAsync,SqlQueryRaw"), "sql"),
        new SinkEntry(R.SqlInjection, K.Sql, new ApiMember("System.Data.Entity.Database", "SqlQuery,ExecuteSqlCommand,ExecuteSqlCommandAsync"), "sql"),
        new SinkEntry(R.SqlInjection, K.Sql, new ApiMember("System.Data.Entity.DbSet", "SqlQuery", derived: true), "sql"),
        new SinkEntry(R.SqlInjection, K.Sql, new ApiMember("Dapper.SqlMapper", DapperMembers), "sql"),

        // OS commands (CWE-78): the program and its command line.
        new SinkEntry(R.CommandInjection, K.Command, new ApiMember("System.Diagnostics.Process", "Start"), "fileName,arguments"),
        new SinkEntry(R.CommandInjection, K.Command, new ApiMember("System.Diagnostics.ProcessStartInfo", ApiMember.Constructor), "fileName,arguments"),
        new SinkEntry(R.CommandInjection, K.Command, new ApiMember("System.Diagnostics.ProcessStartInfo", "FileName,Arguments")),

        // LDAP (CWE-90): search filters and directory paths.
        new SinkEntry(R.LdapInjection, K.Ldap, new ApiMember("System.DirectoryServices.DirectorySearcher", "Filter")),
        new SinkEntry(R.LdapInjection, K.Ldap, new ApiMember("System.DirectoryServices.DirectorySearcher", ApiMember.Constructor), "filter"),
        new SinkEntry(R.LdapInjection, K.Ldap, new ApiMember("System.DirectoryServices.DirectoryEntry", "Path")),
        new SinkEntry(R.LdapInjection, K.Ldap, new ApiMember("System.DirectoryServices.DirectoryEntry", ApiMember.Constructor), "path"),
        new SinkEntry(R.LdapInjection, K.Ldap, new ApiMember("System.DirectoryServices.Protocols.SearchRequest", "Filter")),
        new SinkEntry(R.LdapInjection, K.Ldap, new ApiMember("System.DirectoryServices.Protocols.SearchRequest", ApiMember.Constructor), "ldapFilter"),

        // XPath (CWE-643): expressions compiled or evaluated.
        new SinkEntry(R.XPathInjection, K.XPath, new ApiMember("System.Xml.XPath.XPathNavigator", "Select,SelectSingleNode,Evaluate,Compile,Matches", derived: true), "xpath"),
        new SinkEntry(R.XPathInjection, K.XPath, new ApiMember("System.Xml.XmlNode", "SelectNodes,SelectSingleNode", derived: true), "xpath"),
        new SinkEntry(R.XPathInjection, K.XPath, new ApiMember("System.Xml.XPath.XPathExpression", "Compile"), "xpath"),
        new SinkEntry(R.XPathInjection, K.XPath, new ApiMember("System.Xml.XPath.Extensions", "XPathSelectElement,XPathSelectElements,XPathEvaluate"), "expression"),

        // Paths (CWE-22): files and folders opened, read, written, listed or removed.
        new SinkEntry(R.PathTraversal, K.Path, new ApiMember("System.IO.File", FileMembers), FilePaths),
        new SinkEntry(R.PathTraversal, K.Path, new ApiMember("System.IO.Directory", DirectoryMembers), FilePaths),
        new SinkEntry(R.PathTraversal, K.Path, new ApiMember("System.IO.FileStream", ApiMember.Constructor), "path"),
        new SinkEntry(R.PathTraversal, K.Path, new ApiMember("System.IO.StreamReader", ApiMember.Constructor), "path"),
        new SinkEntry(R.PathTraversal, K.Path, new ApiMember("System.IO.StreamWriter", ApiMember.Constructor), "path"),
        new SinkEntry(R.PathTraversal, K.Path, new ApiMember("System.IO.FileInfo", ApiMember.Constructor), "fileName"),
        new SinkEntry(R.PathTraversal, K.Path, new ApiMember("System.IO.DirectoryInfo", ApiMember.Constructor), "path"),
        new SinkEntry(R.PathTraversal, K.Path, new ApiMember("Microsoft.AspNetCore.Mvc.ControllerBase", "PhysicalFile"), "physicalPath"),
        new SinkEntry(R.PathTraversal, K.Path, new ApiMember("System.Web.HttpResponse", "WriteFile,TransmitFile"), "filename"),

        // Redirects (CWE-601): where the browser is sent.
        new SinkEntry(R.OpenRedirect, K.Redirect, new ApiMember("System.Web.HttpResponse", "Redirect,RedirectPermanent"), "url"),
        new SinkEntry(R.OpenRedirect, K.Redirect, new ApiMember("System.Web.HttpResponseBase", "Redirect,RedirectPermanent", derived: true), "url"),
        new SinkEntry(R.OpenRedirect, K.Redirect, new ApiMember("System.Web.Mvc.Controller", "Redirect,RedirectPermanent", derived: true), "url"),
        new SinkEntry(R.OpenRedirect, K.Redirect, new ApiMember("Microsoft.AspNetCore.Http.HttpResponse", "Redirect", derived: true), "location"),
        new SinkEntry(R.OpenRedirect, K.Redirect, new ApiMember("Microsoft.AspNetCore.Mvc.ControllerBase", "Redirect,RedirectPermanent,RedirectPreserveMethod,RedirectPermanentPreserveMethod"), "url"),
        new SinkEntry(R.OpenRedirect, K.Redirect, new ApiMember("Microsoft.AspNetCore.Mvc.RazorPages.PageModel", "Redirect,RedirectPermanent,RedirectPreserveMethod,RedirectPermanentPreserveMethod"), "url"),
        new SinkEntry(R.OpenRedirect, K.Redirect, new ApiMember("Microsoft.AspNetCore.Mvc.RedirectResult", ApiMember.Constructor), "url"),
        new SinkEntry(R.OpenRedirect, K.Redirect, new ApiMember("Microsoft.AspNetCore.Http.Results", "Redirect"), "url"),
        new SinkEntry(R.OpenRedirect, K.Redirect, new ApiMember("System.Net.HttpListenerResponse", "Redirect"), "url"),

        // Response headers and cookies (CWE-113), where the framework does not check for line breaks.
        new SinkEntry(R.ResponseHeaderInjection, K.Header, new ApiMember("System.Web.HttpResponse", "AddHeader,AppendHeader"), "name,value"),
        new SinkEntry(R.ResponseHeaderInjection, K.Header, new ApiMember("System.Web.HttpResponse", "AppendCookie,SetCookie"), "cookie"),
        new SinkEntry(R.ResponseHeaderInjection, K.Header, new ApiMember("System.Web.HttpResponseBase", "AddHeader,AppendHeader", derived: true), "name,value"),
        new SinkEntry(R.ResponseHeaderInjection, K.Header, new ApiMember("System.Web.HttpResponseBase", "AppendCookie,SetCookie", derived: true), "cookie"),
        new SinkEntry(R.ResponseHeaderInjection, K.Header, new ApiMember("System.Web.HttpCookieCollection", "Add,Set"), "cookie"),
        new SinkEntry(R.ResponseHeaderInjection, K.Header, new ApiMember("System.Net.HttpListenerResponse", "AddHeader,AppendHeader"), "name,value"),

        // Log messages (CWE-117): the text of the message; a structured template's arguments are data, not text.
        new SinkEntry(R.LogInjection, K.Log, new ApiMember("NLog.ILogger", LogLevels, derived: true), "message"),
        new SinkEntry(R.LogInjection, K.Log, new ApiMember("NLog.Logger", LogLevels), "message"),
        new SinkEntry(R.LogInjection, K.Log, new ApiMember("log4net.ILog", "Debug,Info,Warn,Error,Fatal", derived: true), "message"),
        new SinkEntry(R.LogInjection, K.Log, new ApiMember("Microsoft.Extensions.Logging.LoggerExtensions", MelLevels), "message"),
        new SinkEntry(R.LogInjection, K.Log, new ApiMember("Serilog.ILogger", SerilogLevels, derived: true), "messageTemplate"),
        new SinkEntry(R.LogInjection, K.Log, new ApiMember("Serilog.Log", SerilogLevels), "messageTemplate"),
        new SinkEntry(R.LogInjection, K.Log, new ApiMember("System.Diagnostics.Trace", "TraceInformation,TraceWarning,TraceError"), "message,format"),
        new SinkEntry(R.LogInjection, K.Log, new ApiMember("System.Diagnostics.EventLog", "WriteEntry"), "message"),

        // Format strings (CWE-134): a composite format string the attacker writes.
        new SinkEntry(R.FormatStringInjection, K.Format, new ApiMember("System.String", "Format"), "format"),
        new SinkEntry(R.FormatStringInjection, K.Format, new ApiMember("System.Console", "Write,WriteLine"), "format"),
        new SinkEntry(R.FormatStringInjection, K.Format, new ApiMember("System.IO.TextWriter", "Write,WriteLine", derived: true), "format"),
        new SinkEntry(R.FormatStringInjection, K.Format, new ApiMember("System.Text.StringBuilder", "AppendFormat"), "format"),

        // HTML (CWE-79): text written into a page, or marked as already-safe HTML.
        new SinkEntry(R.CrossSiteScripting, K.Html, new ApiMember("System.Web.HttpResponse", "Write"), "s,obj"),
        new SinkEntry(R.CrossSiteScripting, K.Html, new ApiMember("System.Web.HttpResponse", "StatusDescription")),
        new SinkEntry(R.CrossSiteScripting, K.Html, new ApiMember("System.Web.HttpResponseBase", "Write", derived: true), "s,obj"),
        new SinkEntry(R.CrossSiteScripting, K.Html, new ApiMember("System.Web.UI.HtmlTextWriter", "Write,WriteLine", derived: true), "s,value"),
        new SinkEntry(R.CrossSiteScripting, K.Html, new ApiMember("System.Web.HtmlString", ApiMember.Constructor), "value"),
        new SinkEntry(R.CrossSiteScripting, K.Html, new ApiMember("System.Web.Mvc.MvcHtmlString", "Create"), "value"),
        new SinkEntry(R.CrossSiteScripting, K.Html, new ApiMember("Microsoft.AspNetCore.Html.HtmlString", ApiMember.Constructor), "value"),
        new SinkEntry(R.CrossSiteScripting, K.Html, new ApiMember("Microsoft.AspNetCore.Mvc.Rendering.IHtmlHelper", "Raw", derived: true), "value"),
        new SinkEntry(R.CrossSiteScripting, K.Html, new ApiMember("Microsoft.AspNetCore.Components.MarkupString", ApiMember.Constructor), "value"),
        new SinkEntry(R.CrossSiteScripting, K.Html, new ApiMember("Microsoft.AspNetCore.Http.HttpResponseWritingExtensions", "WriteAsync"), "text"),

        // Reflection (CWE-470): types and assemblies named by the attacker.
        new SinkEntry(R.UnsafeReflection, K.Reflection, new ApiMember("System.Type", "GetType"), "typeName"),
        new SinkEntry(R.UnsafeReflection, K.Reflection, new ApiMember("System.Activator", "CreateInstance,CreateInstanceFrom"), "typeName,assemblyName,assemblyFile"),
        new SinkEntry(R.UnsafeReflection, K.Reflection, new ApiMember("System.Reflection.Assembly", "Load,LoadFrom,LoadFile,UnsafeLoadFrom"), "assemblyString,assemblyFile,path"),
        new SinkEntry(R.UnsafeReflection, K.Reflection, new ApiMember("System.Reflection.Assembly", "GetType,CreateInstance", derived: true), "name,typeName"),
        new SinkEntry(R.UnsafeReflection, K.Reflection, new ApiMember("System.AppDomain", "CreateInstance,CreateInstanceAndUnwrap,CreateInstanceFrom,CreateInstanceFromAndUnwrap,Load"), "assemblyName,typeName,assemblyFile,assemblyString"),

        // Code (CWE-94): source compiled or scripts evaluated.
        new SinkEntry(R.CodeInjection, K.Code, new ApiMember("System.CodeDom.Compiler.CodeDomProvider", "CompileAssemblyFromSource", derived: true), "sources"),
        new SinkEntry(R.CodeInjection, K.Code, new ApiMember("System.CodeDom.Compiler.ICodeCompiler", "CompileAssemblyFromSource,CompileAssemblyFromSourceBatch", derived: true), "source,sources"),
        new SinkEntry(R.CodeInjection, K.Code, new ApiMember("Microsoft.CodeAnalysis.CSharp.Scripting.CSharpScript", "Create,EvaluateAsync,RunAsync"), "code"),

        // Search paths (CWE-427): where programs and libraries are looked for.
        new SinkEntry(R.SearchPathInjection, K.SearchPath, new ApiMember("System.Environment", "SetEnvironmentVariable"), "value", when: ("variable", SearchPathVariables)),
        new SinkEntry(R.SearchPathInjection, K.SearchPath, new ApiMember("System.AppDomain", "AppendPrivatePath"), "path"),
        new SinkEntry(R.SearchPathInjection, K.SearchPath, new ApiMember("System.AppDomainSetup", "PrivateBinPath")),

        // Amounts (CWE-400, 606, 789): how long to wait, how much to allocate. Loop bounds and array sizes are shapes
        // (InjectionTaint passes them to the table).
        new SinkEntry(R.ResourceExhaustion, K.Amount, new ApiMember("System.Threading.Thread", "Sleep"), "millisecondsTimeout,timeout"),
        new SinkEntry(R.ResourceExhaustion, K.Amount, new ApiMember("System.Threading.Tasks.Task", "Delay"), "millisecondsDelay,delay"),
        new SinkEntry(R.ResourceExhaustion, K.Amount, new ApiMember("System.Collections.Generic.List`1", ApiMember.Constructor), "capacity"),
        new SinkEntry(R.ResourceExhaustion, K.Amount, new ApiMember("System.Collections.Generic.Dictionary`2", ApiMember.Constructor), "capacity"),
        new SinkEntry(R.ResourceExhaustion, K.Amount, new ApiMember("System.Collections.Generic.HashSet`1", ApiMember.Constructor), "capacity"),
        new SinkEntry(R.ResourceExhaustion, K.Amount, new ApiMember("System.Collections.Generic.Queue`1", ApiMember.Constructor), "capacity"),
        new SinkEntry(R.ResourceExhaustion, K.Amount, new ApiMember("System.Collections.Generic.Stack`1", ApiMember.Constructor), "capacity"),
        new SinkEntry(R.ResourceExhaustion, K.Amount, new ApiMember("System.Collections.ArrayList", ApiMember.Constructor), "capacity"),
        new SinkEntry(R.ResourceExhaustion, K.Amount, new ApiMember("System.Collections.Hashtable", ApiMember.Constructor), "capacity"),
        new SinkEntry(R.ResourceExhaustion, K.Amount, new ApiMember("System.Text.StringBuilder", ApiMember.Constructor), "capacity"),
        new SinkEntry(R.ResourceExhaustion, K.Amount, new ApiMember("System.String", ApiMember.Constructor), "count"),
        new SinkEntry(R.ResourceExhaustion, K.Amount, new ApiMember("System.String", "PadLeft,PadRight"), "totalWidth"),
        new SinkEntry(R.ResourceExhaustion, K.Amount, new ApiMember("System.Linq.Enumerable", "Repeat,Range"), "count"),
        new SinkEntry(R.ResourceExhaustion, K.Amount, new ApiMember("System.Array", "Resize"), "newSize"),
        new SinkEntry(R.ResourceExhaustion, K.Amount, new ApiMember("System.Array", "CreateInstance"), "length,length1,length2,length3"));

    /// <summary>Where untrusted data is stored safely: a command's parameters are sent apart from its text.</summary>
    public static readonly ImmutableArray<string> NeutralReceivers = ImmutableArray.Create("System.Data.IDataParameterCollection");

    /// <summary>Environment variables that say where programs and libraries are found.</summary>
    internal const string SearchPathVariables = "PATH,PATHEXT,LD_LIBRARY_PATH,LD_PRELOAD,DYLD_LIBRARY_PATH,DYLD_INSERT_LIBRARIES,PYTHONPATH,NODE_PATH,CLASSPATH,PSModulePath";
}
