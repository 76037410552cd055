namespace Bastion.Analyzers.Infrastructure;

#pragma warning disable BST1001 // Rule IDs named after their rules (HardcodedCredential, …), not credentials.

/// <summary>Every Bastion rule ID, in one place. Ranges per family are listed in docs/rules/README.md.</summary>
internal static class RuleIdentifiers
{
    /// <summary>A Bastion analyzer failed on some code (instead of the compiler's AD0001, which would quote the code).</summary>
    public const string AnalyzerFailure = "BST0001";

    /// <summary>A literal credential assigned to something whose name says it holds one.</summary>
    public const string HardcodedCredential = "BST1001";

    /// <summary>A password or key inside a connection string or URI.</summary>
    public const string ConnectionStringCredential = "BST1002";

    /// <summary>A string contains a token of a documented vendor format.</summary>
    public const string KnownSecretFormat = "BST1003";

    /// <summary>A random-looking constant where secrets go (headers, credential-named targets in tests).</summary>
    public const string HighEntropySecret = "BST1004";

    /// <summary>A constant reaches a credential parameter or property of an API, whatever it is called on the way.</summary>
    public const string CredentialFlow = "BST1005";

    /// <summary>A constant reaches a cryptographic key or IV.</summary>
    public const string HardcodedCryptoKey = "BST1006";

    /// <summary>A secret in a JSON configuration file (appsettings*.json, launchSettings.json).</summary>
    public const string SecretInJsonConfiguration = "BST1101";

    /// <summary>A secret in an XML configuration file (web.config, app.config).</summary>
    public const string SecretInXmlConfiguration = "BST1102";

    /// <summary>A secret in a development or test configuration file.</summary>
    public const string SecretInDevelopmentConfiguration = "BST1103";

    /// <summary>A connection string or URI with an empty or never-filled-in password.</summary>
    public const string EmptyConnectionPassword = "BST1007";

    /// <summary>A credential written in a comment (CWE-615).</summary>
    public const string SecretInComment = "BST1008";

    /// <summary>Untrusted data reaches a connection string.</summary>
    public const string UntrustedConnectionString = "BST2001";

    /// <summary>Untrusted data is written to application configuration.</summary>
    public const string UntrustedConfigurationWrite = "BST2002";

    /// <summary>Untrusted data reaches a process or system setting (environment, registry, switches, directory, culture).</summary>
    public const string UntrustedSystemSetting = "BST2003";

    /// <summary>A production project references a test or mocking framework.</summary>
    public const string TestFrameworkReferenced = "BST3001";

    /// <summary>A mock or test API is used in production code.</summary>
    public const string TestApiUsed = "BST3002";

    /// <summary>A test hook or debug switch that makes a security decision succeed.</summary>
    public const string SecurityBackdoor = "BST3003";

    /// <summary>TLS server certificate validation switched off.</summary>
    public const string CertificateValidationDisabled = "BST3004";

    /// <summary>A debug feature (developer exception page, PII logging, debugger launch) enabled outside development.</summary>
    public const string DebugFeatureEnabled = "BST3005";

    /// <summary>A credential, connection string or Authorization header is written to a log.</summary>
    public const string SensitiveDataLogged = "BST4001";

    /// <summary>An exception's details reach an HTTP response.</summary>
    public const string ExceptionDetailsExposed = "BST4002";

    /// <summary>A failed security check is swallowed, or turned into success.</summary>
    public const string SecurityFailureSwallowed = "BST4003";

    /// <summary>Untrusted data in the text of a SQL command.</summary>
    public const string SqlInjection = "BST5001";

    /// <summary>Untrusted data in the program or arguments of a process started.</summary>
    public const string CommandInjection = "BST5002";

    /// <summary>Untrusted data in an LDAP filter or directory path.</summary>
    public const string LdapInjection = "BST5003";

    /// <summary>Untrusted data in an XPath expression.</summary>
    public const string XPathInjection = "BST5004";

    /// <summary>Untrusted data in a file-system path.</summary>
    public const string PathTraversal = "BST5005";

    /// <summary>Untrusted data as the target of a redirect.</summary>
    public const string OpenRedirect = "BST5006";

    /// <summary>Untrusted data in an HTTP response header or cookie.</summary>
    public const string ResponseHeaderInjection = "BST5007";

    /// <summary>Untrusted data in the text of a log message.</summary>
    public const string LogInjection = "BST5008";

    /// <summary>Untrusted data as a composite format string.</summary>
    public const string FormatStringInjection = "BST5009";

    /// <summary>Untrusted data written into HTML without encoding.</summary>
    public const string CrossSiteScripting = "BST5010";

    /// <summary>Untrusted data names a type or assembly to load or create.</summary>
    public const string UnsafeReflection = "BST5011";

    /// <summary>Untrusted data in code that is compiled or evaluated.</summary>
    public const string CodeInjection = "BST5012";

    /// <summary>Untrusted data in a search path (PATH, the library path, private probing paths).</summary>
    public const string SearchPathInjection = "BST5013";

    /// <summary>An untrusted number bounds a loop, a wait, or the size of an allocation.</summary>
    public const string ResourceExhaustion = "BST5014";
}

#pragma warning restore BST1001
