namespace Bastion.Cli;

/// <summary>The global usings each .NET SDK adds when <c>ImplicitUsings</c> is on (its
/// <c>Microsoft.NET.Sdk.*.props</c>), and what else an SDK implies for folder mode.</summary>
internal static class SdkUsings
{
    private static readonly string[] Base =
    {
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading",
        "System.Threading.Tasks",
    };

    private static readonly Dictionary<string, string[]> Added = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.NET.Sdk.Web"] = new[]
        {
            "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
            "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
            "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
        },
        ["Microsoft.NET.Sdk.Worker"] = new[]
        {
            "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting",
            "Microsoft.Extensions.Logging",
        },
        ["Microsoft.NET.Sdk.BlazorWebAssembly"] = new[]
        {
            "System.Net.Http.Json", "Microsoft.AspNetCore.Components.Forms", "Microsoft.AspNetCore.Components.Routing",
            "Microsoft.AspNetCore.Components.Web", "Microsoft.AspNetCore.Components.Web.Virtualization",
            "Microsoft.AspNetCore.Components.WebAssembly.Http", "Microsoft.Extensions.Configuration",
            "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Logging",
        },
        ["MSTest.Sdk"] = new[] { "Microsoft.VisualStudio.TestTools.UnitTesting" },
    };

    /// <summary>The SDKs that reference the ASP.NET Core shared framework without a <c>FrameworkReference</c>.</summary>
    private static readonly HashSet<string> AspNetCoreSdks = new(StringComparer.OrdinalIgnoreCase) { "Microsoft.NET.Sdk.Web" };

    /// <summary>The SDKs whose projects are executables unless <c>OutputType</c> says otherwise.</summary>
    private static readonly HashSet<string> ExecutableSdks = new(StringComparer.OrdinalIgnoreCase) { "Microsoft.NET.Sdk.Web", "Microsoft.NET.Sdk.Worker" };

    /// <summary>The namespaces an SDK's implicit usings import.</summary>
    public static IEnumerable<string> For(string? sdk) =>
        sdk is not null && Added.TryGetValue(sdk, out var added) ? Base.Concat(added) : Base;

    public static bool ReferencesAspNetCore(string? sdk) => sdk is not null && AspNetCoreSdks.Contains(sdk);

    public static bool IsExecutableByDefault(string? sdk) => sdk is not null && ExecutableSdks.Contains(sdk);
}
