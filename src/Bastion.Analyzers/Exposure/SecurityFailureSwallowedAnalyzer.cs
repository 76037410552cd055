using System;
using System.Collections.Immutable;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Exposure;

/// <summary>BST4003: a security failure swallowed — a <c>catch</c> around security work (token and signature validation,
/// decryption, certificate chains, authentication, password checks) or of a security exception
/// (<c>SecurityException</c>, <c>UnauthorizedAccessException</c>, <c>CryptographicException</c>,
/// <c>AuthenticationException</c>, <c>SecurityTokenException</c>…) that neither logs nor rethrows, or that turns the
/// failure into success (<c>return true</c>, <c>isValid = true</c>).</summary>
public sealed class SecurityFailureSwallowedAnalyzer : BastionAnalyzer
{
    internal static readonly ImmutableArray<string> OptionNames = ImmutableArray.Create(ExposureTaint.ReportInTestProjectsOption);

    /// <summary>Property: how the catch fails ("open" when it turns the failure into success, "silent" otherwise).</summary>
    internal const string KindProperty = "Kind";

    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.SecurityFailureSwallowed,
        title: "Security failure swallowed",
        messageFormat: "{0} {1}; rethrow it, or log it and fail closed",
        RuleLevel.BuildWarning,
        description: "A failed signature, token, certificate or password check is an attack as often as a bug. A catch " +
            "that ignores it hides the attack from whoever watches the logs; one that returns success lets it through. " +
            "Fail closed (rethrow, or return failure) and log the failure.",
        cwes: new[] { 390, 778 });

    private static readonly string[] SecurityExceptionNames =
    {
        "SecurityException", "UnauthorizedAccessException", "CryptographicException", "AuthenticationException", "InvalidCredentialException",
        "SecurityTokenException", "AuthenticationFailureException", "SecurityAccessDeniedException", "SecurityNegotiationException",
    };

    private static readonly string[] SecurityNamespaces =
    {
        "System.Security", "System.IdentityModel", "Microsoft.IdentityModel", "Microsoft.AspNetCore.Identity", "Microsoft.AspNetCore.DataProtection",
        "Microsoft.AspNetCore.Authentication", "System.Net.Security", "System.DirectoryServices", "Microsoft.Identity",
    };

    private static readonly string[] SecurityVerbs = { "Validate", "Verify", "Check", "Decrypt", "Unprotect", "Authenticate", "SignIn", "PasswordSignIn" };

    private static readonly string[] OwnSecurityWords =
    {
        "ValidateToken", "VerifySignature", "VerifyPassword", "VerifyHash", "CheckPassword", "ValidateCertificate", "ValidateCredentials", "Authenticate", "Decrypt",
        "CheckCredential", "IsAuthorized", "Authorize", "TryLogin", "Login", "LogIn", "SignIn", "ValidateUser", "VerifyUser", "CheckAccess", "CheckPermission",
        "HasPermission", "IsAuthenticated",
    };

    protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (ExposureTaint.RunsIn(start.Compilation, start.Options, Rule.Id))
            {
                start.RegisterOperationAction(Analyze, OperationKind.Try);
            }
        });
    }

    private static void Analyze(OperationAnalysisContext context)
    {
        var tryOperation = (ITryOperation)context.Operation;
        string? work = null;
        foreach (var handler in tryOperation.Catches)
        {
            var caught = handler.ExceptionType;
            var securityException = SecurityExceptionName(caught);
            string subject;
            if (securityException is not null && !(IsFileAccessDenial(caught) && OnlyFileSystemWork(tryOperation.Body)))
            {
                subject = "A " + securityException;
            }
            else if (IsGeneral(caught) && (work ??= SecurityWork(tryOperation.Body) ?? string.Empty).Length > 0)
            {
                subject = "A failure of " + work;
            }
            else
            {
                continue;
            }

            var handling = Classify(handler, tryOperation);
            if (handling == Handling.Handled)
            {
                continue;
            }

            var syntax = handler.Syntax is CatchClauseSyntax clause ? clause.CatchKeyword.GetLocation() : handler.Syntax.GetLocation();
            var message = handling == Handling.FailsOpen ? "is turned into success by this catch" : "is swallowed: this catch neither logs nor rethrows it";
            var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, handling == Handling.FailsOpen ? "open" : "silent");
            context.ReportDiagnostic(Diagnostic.Create(Rule, syntax, properties, subject, message));
        }
    }

    private enum Handling
    {
        Handled,
        Silent,
        FailsOpen,
    }

    private static Handling Classify(ICatchClauseOperation handler, ITryOperation tryOperation)
    {
        var logs = false;
        var rethrows = false;
        var failsOpen = false;
        var returns = 0;
        var failsClosed = 0;
        var visited = 0;
        foreach (var operation in OwnOperations.Of(handler.Handler))
        {
            if (++visited > 10_000)
            {
                return Handling.Handled;
            }

            switch (operation)
            {
                case IThrowOperation:
                    rethrows = true;
                    break;
                case IInvocationOperation invocation when LoggingApis.IsLoggingCall(invocation, null):
                    logs = true;
                    break;
                case IReturnOperation { ReturnedValue: { } value } when IsSuccess(value):
                    failsOpen = true;
                    returns++;
                    break;
                case IReturnOperation returned:
                    returns++;
                    failsClosed += returned.ReturnedValue is { } denial && IsDenial(denial) ? 1 : 0;
                    break;
                case ISimpleAssignmentOperation { Value.ConstantValue: { HasValue: true, Value: true }, Target: var target } when IsVerdictName(NameOf(target)):
                    failsOpen = true;
                    break;
            }
        }

        if (handler.Filter is { } filter)
        {
            foreach (var operation in filter.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation invocation && LoggingApis.IsLoggingCall(invocation, null))
                {
                    logs = true;
                }
            }
        }

        // catch { } and then return true after the try: the failure falls through to success.
        if (!failsOpen && !rethrows && returns == 0 && FallsThroughToSuccess(tryOperation))
        {
            failsOpen = true;
        }

        // return false, AuthenticateResult.Fail(ex), Unauthorized(): the caller is told no, which is what failing closed is.
        var closed = returns > 0 && failsClosed == returns;
        return failsOpen ? Handling.FailsOpen : logs || rethrows || closed ? Handling.Handled : Handling.Silent;
    }

    /// <summary>A verdict of failure: <c>false</c>, or a call such as <c>AuthenticateResult.Fail(…)</c>,
    /// <c>Unauthorized()</c>, <c>Forbid()</c>, <c>Challenge()</c>.</summary>
    private static bool IsDenial(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value.ConstantValue is { HasValue: true, Value: false } ||
            value is IInvocationOperation { TargetMethod.Name: "Fail" or "Failed" or "Unauthorized" or "Forbid" or "Challenge" or "Forbidden" or "Denied" } ||
            value is IObjectCreationOperation { Type.Name: "UnauthorizedResult" or "ForbidResult" or "ChallengeResult" };
    }

    /// <summary>The statement after the <c>try</c> returns success (<c>return true;</c>).</summary>
    private static bool FallsThroughToSuccess(ITryOperation tryOperation)
    {
        if (tryOperation.Parent is not IBlockOperation block)
        {
            return false;
        }

        var index = block.Operations.IndexOf(tryOperation);
        return index >= 0 && index + 1 < block.Operations.Length && block.Operations[index + 1] is IReturnOperation { ReturnedValue: { } value } && IsSuccess(value);
    }

    /// <summary><c>return true</c>, or an MVC/minimal-API success result (<c>Ok()</c>).</summary>
    private static bool IsSuccess(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value.ConstantValue is { HasValue: true, Value: true } ||
            value is IInvocationOperation { TargetMethod.Name: "Ok" or "NoContent" or "Success" } ||
            value is IPropertyReferenceOperation { Property.Name: "Success" or "Valid" };
    }

    private static string? NameOf(IOperation target) => target switch
    {
        ILocalReferenceOperation local => local.Local.Name,
        IFieldReferenceOperation field => field.Field.Name,
        IPropertyReferenceOperation property => property.Property.Name,
        IParameterReferenceOperation parameter => parameter.Parameter.Name,
        _ => null,
    };

    private static bool IsVerdictName(string? name)
    {
        if (name is null)
        {
            return false;
        }

        var lower = name.TrimStart('_').ToLowerInvariant();
        return lower is "valid" or "isvalid" or "verified" or "isverified" or "authenticated" or "isauthenticated" or "authorized" or "isauthorized" or
            "success" or "succeeded" or "ok" or "trusted" or "istrusted" or "result";
    }

    /// <summary><c>UnauthorizedAccessException</c> is also what the file system and the registry throw when permissions
    /// deny an operation; around such calls alone it is an I/O outcome, not a failed security check.</summary>
    private static bool IsFileAccessDenial(ITypeSymbol? caught) => caught is { Name: "UnauthorizedAccessException" };

    private static bool OnlyFileSystemWork(IOperation body)
    {
        var any = false;
        var visited = 0;
        foreach (var operation in OwnOperations.Of(body))
        {
            if (++visited > 10_000)
            {
                return false;
            }

            var method = operation switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IObjectCreationOperation creation => creation.Constructor,
                _ => null,
            };

            if (method is null)
            {
                continue;
            }

            var ns = method.ContainingType?.ContainingNamespace;
            if (!(SymbolFacts.IsWithinNamespace(ns, "IO", "System") || SymbolFacts.IsNamespace(ns, "Win32", "Microsoft")))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    private static bool IsGeneral(ITypeSymbol? caught) =>
        caught is null || caught.SpecialType == SpecialType.System_Object || caught.Name == "Exception" && SymbolFacts.IsNamespace(caught.ContainingNamespace, "System");

    private static string? SecurityExceptionName(ITypeSymbol? caught)
    {
        for (var current = caught as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            foreach (var name in SecurityExceptionNames)
            {
                if (current.Name == name || current.Name.StartsWith("SecurityToken", StringComparison.Ordinal) && current.Name.EndsWith("Exception", StringComparison.Ordinal))
                {
                    return caught!.Name;
                }
            }
        }

        return null;
    }

    /// <summary>The first security-relevant call in the <c>try</c> body: a validating, verifying, decrypting or
    /// authenticating API of a security namespace, <c>X509Chain.Build</c>, or a method of this compilation named for such work.</summary>
    private static string? SecurityWork(IOperation body)
    {
        var visited = 0;
        foreach (var operation in OwnOperations.Of(body))
        {
            if (++visited > 10_000)
            {
                return null;
            }

            if (operation is not IInvocationOperation { TargetMethod: var method })
            {
                continue;
            }

            var type = method.ContainingType;
            if (method.Name == "Build" && type?.Name == "X509Chain")
            {
                return "X509Chain.Build";
            }

            if (!SymbolFacts.HasSourceDeclaration(method))
            {
                // The verb first: the namespace is looked at only for the few calls named like security work.
                if (StartsWithAny(method.Name, SecurityVerbs))
                {
                    foreach (var securityNamespace in SecurityNamespaces)
                    {
                        if (SymbolFacts.IsWithinNamespace(type?.ContainingNamespace, securityNamespace))
                        {
                            return type!.Name + "." + method.Name;
                        }
                    }
                }
            }
            else
            {
                foreach (var word in OwnSecurityWords)
                {
                    if (method.Name.IndexOf(word, StringComparison.Ordinal) >= 0)
                    {
                        return type!.Name + "." + method.Name;
                    }
                }
            }
        }

        return null;
    }

    private static bool StartsWithAny(string name, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
