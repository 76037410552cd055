using System.Collections.Immutable;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;

namespace Bastion.Analyzers.ConfigurationIntegrity;

/// <summary>BST2003's sinks, one line per API: environment variables, the registry, runtime switches, application-domain
/// data, the current directory and the current culture. A child process's environment is a receiver shape
/// (<see cref="ConfigurationSinks"/>).</summary>
internal static class SystemSettingSinks
{
    private const string Rule = RuleIdentifiers.UntrustedSystemSetting;

    public static readonly ImmutableArray<SinkEntry> All = ImmutableArray.Create(
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("System.Environment", "SetEnvironmentVariable"), "*"),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("System.Environment", "CurrentDirectory")),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("Microsoft.Win32.Registry", "SetValue"), "keyName,valueName,value"),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("Microsoft.Win32.RegistryKey", "SetValue"), "name,value"),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("Microsoft.Win32.RegistryKey", "CreateSubKey"), "subkey"),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("System.AppContext", "SetSwitch"), "switchName"),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("System.AppDomain", "SetData"), "name,data"),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("System.IO.Directory", "SetCurrentDirectory"), "path"),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("System.Globalization.CultureInfo", "CurrentCulture,CurrentUICulture,DefaultThreadCurrentCulture,DefaultThreadCurrentUICulture")),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("System.Threading.Thread", "CurrentCulture,CurrentUICulture")));
}
