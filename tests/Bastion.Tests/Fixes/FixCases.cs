using System;
using System.Collections.Generic;
using Bastion.Tests.Infrastructure;
using Analyzers = Bastion.Analyzers;
using CodeFixes = Bastion.CodeFixes;

namespace Bastion.Tests.Fixes;

/// <summary>One finding per fixable rule (and per shape its fix treats differently).</summary>
internal static class FixCases
{
    private const string Password = "Winter-2024-Canary!";
    private const string GitHubToken = "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";
    private const string RandomKey = "q8Zr2LmX9vT4wB7nK3yD5hJ6";

    public static readonly Dictionary<string, FixCase> All = new(StringComparer.Ordinal)
    {
        ["BST1001 local"] = new(
            string.Empty,
            $"    public STATIC string Connect()\n    {{\n        var password = [|\"{Password}\"|];\n        return password.Trim();\n    }}",
            $"var password = [|\"{Password}\"|];\nSystem.Console.WriteLine(password.Length);\n",
            CodeFixVerifier<Analyzers.Secrets.HardcodedCredentialAnalyzer, CodeFixes.Secrets.HardcodedCredentialCodeFix>.TestCompilingFix),
        ["BST1001 constant"] = new(
            string.Empty,
            $"    private const string Password = [|\"{Password}\"|];\n\n    public STATIC int Length() => Password.Length;",
            null,
            CodeFixVerifier<Analyzers.Secrets.HardcodedCredentialAnalyzer, CodeFixes.Secrets.HardcodedCredentialCodeFix>.TestCompilingFix),
        ["BST1001 static readonly"] = new(
            string.Empty,
            $"    private static readonly string ApiPassword = [|\"{Password}\"|];\n\n    public STATIC int Length() => ApiPassword.Length;",
            null,
            CodeFixVerifier<Analyzers.Secrets.HardcodedCredentialAnalyzer, CodeFixes.Secrets.HardcodedCredentialCodeFix>.TestCompilingFix),
        ["BST1002"] = new(
            string.Empty,
            $"    public STATIC string ConnectionString() => \"Server=db;User Id=app;Password={{|BST1002:{Password}|}};\";",
            $"System.Console.WriteLine(\"Server=db;User Id=app;Password={{|BST1002:{Password}|}};\".Length);\n",
            CodeFixVerifier<Analyzers.Secrets.ConnectionStringCredentialAnalyzer, CodeFixes.Secrets.ConnectionStringCredentialCodeFix>.TestCompilingFix),
        ["BST1003"] = new(
            string.Empty,
            $"    public STATIC string Token() => [|\"{GitHubToken}\"|];",
            $"var token = [|\"{GitHubToken}\"|];\nSystem.Console.WriteLine(token.Length);\n",
            CodeFixVerifier<Analyzers.Secrets.KnownSecretFormatAnalyzer, CodeFixes.Secrets.KnownSecretFormatCodeFix>.TestCompilingFix),
        ["BST1004"] = new(
            "using System.Net.Http.Headers;\n\n",
            $"    public STATIC AuthenticationHeaderValue Bearer() => new(\"Bearer\", [|\"{RandomKey}\"|]);",
            $"var header = new AuthenticationHeaderValue(\"Bearer\", [|\"{RandomKey}\"|]);\nSystem.Console.WriteLine(header.Scheme);\n",
            CodeFixVerifier<Analyzers.Secrets.HighEntropySecretAnalyzer, CodeFixes.Secrets.HighEntropySecretCodeFix>.TestCompilingFix),
        ["BST1005"] = new(
            "using System.Net;\n\n",
            $"    public STATIC NetworkCredential Credential()\n    {{\n        var stored = \"{Password}\";\n        return new NetworkCredential(\"app\", [|stored|]);\n    }}",
            $"var stored = \"{Password}\";\nvar credential = new NetworkCredential(\"app\", [|stored|]);\nSystem.Console.WriteLine(credential.UserName);\n",
            CodeFixVerifier<Analyzers.Secrets.CredentialFlowAnalyzer, CodeFixes.Secrets.CredentialFlowCodeFix>.TestCompilingFix),
        ["BST1006"] = new(
            "using System.Security.Cryptography;\nusing System.Text;\n\n",
            "    public STATIC byte[] Key()\n    {\n        using var aes = Aes.Create();\n        aes.Key = [|Encoding.UTF8.GetBytes(\"q7Vt2LmX9pR4sW8zK3nB6cY1hJ5fD0gA\")|];\n        return aes.Key;\n    }",
            "using var aes = Aes.Create();\naes.Key = [|Encoding.UTF8.GetBytes(\"q7Vt2LmX9pR4sW8zK3nB6cY1hJ5fD0gA\")|];\n",
            CodeFixVerifier<Analyzers.Secrets.HardcodedCryptoKeyAnalyzer, CodeFixes.Secrets.HardcodedCryptoKeyCodeFix>.TestCompilingFix),
        ["BST2001"] = new(
            "using System;\nusing Microsoft.Data.SqlClient;\n\n",
            "    public STATIC SqlConnection Open()\n    {\n        var server = Console.ReadLine();\n        return new SqlConnection([|\"Server=\" + server + \";Database=shop\"|]);\n    }",
            "var server = Console.ReadLine();\nusing var connection = new SqlConnection([|\"Server=\" + server + \";Database=shop\"|]);\n",
            markup => CodeFixVerifier<Analyzers.ConfigurationIntegrity.UntrustedConnectionStringAnalyzer, CodeFixes.ConfigurationIntegrity.UntrustedConnectionStringCodeFix>.TestCompilingFix(markup).WithReferences(StubLibraries.SqlClient)),
        ["BST3004"] = new(
            "using System.Net.Http;\n\n",
            "    public STATIC HttpClientHandler Handler() => new HttpClientHandler { [|ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true|] };",
            "using var handler = new HttpClientHandler { [|ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true|] };\n",
            CodeFixVerifier<Analyzers.TestLeakage.CertificateValidationDisabledAnalyzer, CodeFixes.TestLeakage.CertificateValidationDisabledCodeFix>.TestCompilingFix),
        ["BST3005"] = new(
            "using Microsoft.AspNetCore.Builder;\n\n",
            "    public STATIC void Configure(WebApplication app)\n    {\n        [|app.UseDeveloperExceptionPage()|];\n    }",
            "var app = WebApplication.CreateBuilder(args).Build();\n[|app.UseDeveloperExceptionPage()|];\napp.Run();\n",
            CodeFixVerifier<Analyzers.TestLeakage.DebugFeatureEnabledAnalyzer, CodeFixes.TestLeakage.DebugFeatureEnabledCodeFix>.TestCompilingFix),
        ["BST4001"] = new(
            "using Microsoft.Extensions.Logging;\n\n",
            "    public STATIC void Login(ILogger logger, string user, string password) => logger.LogInformation(\"Login {User} {Password}\", user, [|password|]);",
            "using var factory = LoggerFactory.Create(_ => { });\nvar password = System.Console.ReadLine();\nfactory.CreateLogger(\"Login\").LogInformation(\"Login {Password}\", [|password|]);\n",
            CodeFixVerifier<Analyzers.Exposure.SensitiveDataLoggedAnalyzer, CodeFixes.Exposure.MaskLoggedValueCodeFix>.TestCompilingFix),
        ["BST4002"] = new(
            "using System;\nusing Microsoft.AspNetCore.Http;\n\n",
            "    public STATIC IResult Get()\n    {\n        try { return Results.Ok(); }\n        catch (Exception ex) { return Results.Problem([|ex.ToString()|]); }\n    }",
            null,
            CodeFixVerifier<Analyzers.Exposure.ExceptionDetailsExposedAnalyzer, CodeFixes.Exposure.GenericErrorMessageCodeFix>.TestCompilingFix),
        ["BST4003"] = new(
            "using System.Security.Cryptography;\n\n",
            "    public STATIC void Decrypt(Aes aes, byte[] data)\n    {\n        try { aes.DecryptCbc(data, new byte[16]); }\n        [|catch|] (CryptographicException) { }\n    }",
            "using var aes = Aes.Create();\ntry { aes.DecryptCbc(new byte[16], new byte[16]); }\n[|catch|] (CryptographicException) { }\n",
            CodeFixVerifier<Analyzers.Exposure.SecurityFailureSwallowedAnalyzer, CodeFixes.Exposure.RethrowSecurityFailureCodeFix>.TestCompilingFix),
    };
}
