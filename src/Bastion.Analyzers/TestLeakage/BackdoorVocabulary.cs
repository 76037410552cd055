using System;
using System.Collections.Generic;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.TestLeakage;

/// <summary>The words and types BST3003 recognises: security components, verdict-shaped members, switches only a
/// test or debug setup sets, and names of fake implementations.</summary>
internal static class BackdoorVocabulary
{
    private static readonly HashSet<string> SecurityBaseTypes = StringSet.Of(
        "AuthenticationHandler", "AuthorizationHandler", "RemoteAuthenticationHandler", "SignInAuthenticationHandler");

    private static readonly HashSet<string> SecurityInterfaces = StringSet.Of(
        "IAuthenticationHandler", "IAuthorizationHandler", "IPasswordHasher", "ISecurityTokenValidator", "IAuthorizationFilter",
        "IAsyncAuthorizationFilter", "IAuthorizationService", "IUserPasswordStore", "IPasswordValidator", "ITokenValidator");

    internal static readonly string[] VerdictVerbs = { "is", "can", "check", "validate", "verify", "authenticate", "authorize", "has" };

    internal static readonly HashSet<string> VerdictNouns = StringSet.Of(
        "authorized", "authenticated", "credential", "credentials", "password", "token", "signature", "access", "permission",
        "admin", "administrator", "allowed", "login", "user", "api", "key", "role", "claim", "license");

    private static readonly HashSet<string> SwitchWords = StringSet.Of(
        "skip", "bypass", "disable", "disabled", "test", "testing", "debug", "fake", "mock", "backdoor", "master", "god", "dev", "local", "insecure");

    private static readonly HashSet<string> FakeWords = StringSet.Of(
        "fake", "stub", "test", "dummy", "mock", "noop", "bypass", "permissive", "allowall", "alwaysallow", "allowanonymous", "anything");

    internal static bool IsVerdictType(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task)
        {
            type = task.TypeArguments[0];
        }

        return type.SpecialType == SpecialType.System_Boolean || type.Name is "AuthenticateResult" or "PasswordVerificationResult" or "AuthorizationResult";
    }

    internal static bool IsSecurityType(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SecurityBaseTypes.Contains(current.Name))
            {
                return true;
            }
        }

        foreach (var @interface in type.AllInterfaces)
        {
            if (SecurityInterfaces.Contains(@interface.Name))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool HasFakeName(string name)
    {
        var words = IdentifierWords.Split(name);
        foreach (var word in words)
        {
            if (FakeWords.Contains(word))
            {
                return true;
            }
        }

        // Markers of several words (allowall, alwaysallow, permissive…) anywhere in the joined name; short ones
        // ("test") only as whole words, so that "Latest" or "Contest" do not count.
        var normalized = IdentifierWords.Normalize(name);
        foreach (var marker in FakeWords)
        {
            if (marker.Length >= 6 && normalized.IndexOf(marker, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    internal static bool HasSwitchName(string name)
    {
        foreach (var word in IdentifierWords.Split(name))
        {
            if (SwitchWords.Contains(word))
            {
                return true;
            }
        }

        return false;
    }
}
