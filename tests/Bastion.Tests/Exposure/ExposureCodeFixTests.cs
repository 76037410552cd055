using System.Threading.Tasks;
using Bastion.CodeFixes.Exposure;
using Bastion.Tests.Infrastructure;
using Xunit;
using FixLogs = Bastion.Tests.Infrastructure.CodeFixVerifier<Bastion.Analyzers.Exposure.SensitiveDataLoggedAnalyzer, Bastion.CodeFixes.Exposure.MaskLoggedValueCodeFix>;
using FixResponses = Bastion.Tests.Infrastructure.CodeFixVerifier<Bastion.Analyzers.Exposure.ExceptionDetailsExposedAnalyzer, Bastion.CodeFixes.Exposure.GenericErrorMessageCodeFix>;
using FixSwallowed = Bastion.Tests.Infrastructure.CodeFixVerifier<Bastion.Analyzers.Exposure.SecurityFailureSwallowedAnalyzer, Bastion.CodeFixes.Exposure.RethrowSecurityFailureCodeFix>;

namespace Bastion.Tests.Exposure;

/// <summary>The exposure fixes, each with several diagnostics in one document so Fix All is exercised (the harness checks
/// that Fix All equals one-by-one, that a second application changes nothing, and that the result compiles).</summary>
public sealed class ExposureCodeFixTests
{
    [Fact]
    public Task LoggedCredentials_LeaveTheMessage_OrAreMaskedWhereTheyCannot() => FixLogs.Test("""
        using Microsoft.Extensions.Logging;
        class C
        {
            void M(ILogger logger, string user, string password, Account account)
            {
                logger.LogInformation("Login {User} {Password}", user, [|password|]);
                logger.LogInformation("Login for {User} with {Password} at {Time}", user, [|password|], System.DateTime.UtcNow);
                logger.LogWarning($"Login failed for {user}: {[|password|]}");
                logger.LogWarning($"Retry for {user}, password={[|password|]}");
                logger.LogDebug("Key: " + [|account.ApiKey|]); // keep this comment
                logger.LogDebug("Key {K}", [|account.ApiKey|].Trim());
                logger.LogDebug("Key {0}", [|account.ApiKey|]);
            }
        }
        class Account { public string ApiKey { get; set; } = ""; }
        """, """
        using Microsoft.Extensions.Logging;
        class C
        {
            void M(ILogger logger, string user, string password, Account account)
            {
                logger.LogInformation("Login {User}", user);
                logger.LogInformation("Login for {User} at {Time}", user, System.DateTime.UtcNow);
                logger.LogWarning($"Login failed for {user}");
                logger.LogWarning($"Retry for {user}");
                logger.LogDebug("Key: " + "***"); // keep this comment
                logger.LogDebug("Key {K}", "***".Trim());
                logger.LogDebug("Key {0}", "***");
            }
        }
        class Account { public string ApiKey { get; set; } = ""; }
        """).WithEquivalenceKey(ReplaceExposedValueCodeFix.MaskKey).RunAsync();

    [Fact]
    public Task DestructuredObjects_HaveNoFix() => FixLogs.VerifyFixAsync("""
        using Microsoft.Extensions.Logging;
        class C { void M(ILogger logger, Account account) => logger.LogInformation("A {@Account}", [|account|]); }
        class Account { public string Password { get; set; } = ""; }
        """, """
        using Microsoft.Extensions.Logging;
        class C { void M(ILogger logger, Account account) => logger.LogInformation("A {@Account}", [|account|]); }
        class Account { public string Password { get; set; } = ""; }
        """);

    [Fact]
    public Task ExceptionDetails_BecomeAGenericMessage() => FixResponses.Test("""
        using System;
        using Microsoft.AspNetCore.Mvc;
        public class OrdersController : ControllerBase
        {
            public IActionResult Get()
            {
                try { return Ok(); }
                catch (InvalidOperationException ex) { return BadRequest([|ex.Message|]); }
                catch (Exception ex) { return Problem(detail: [|ex.ToString()|]); }
            }

            public IActionResult Put()
            {
                try { return Ok(); }
                catch (Exception ex) { return Content($"Failed: {[|ex|]}"); }
            }
        }
        """, """
        using System;
        using Microsoft.AspNetCore.Mvc;
        public class OrdersController : ControllerBase
        {
            public IActionResult Get()
            {
                try { return Ok(); }
                catch (InvalidOperationException) { return BadRequest("An unexpected error occurred."); }
                catch (Exception) { return Problem(detail: "An unexpected error occurred."); }
            }

            public IActionResult Put()
            {
                try { return Ok(); }
                catch (Exception) { return Content($"Failed: An unexpected error occurred."); }
            }
        }
        """).WithEquivalenceKey(ReplaceExposedValueCodeFix.GenericMessageKey).RunAsync();

    [Fact]
    public Task ExceptionStillLogged_KeepsItsCatchVariable() => FixResponses.VerifyFixAsync("""
        using System;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Logging;
        public class OrdersController(ILogger<OrdersController> logger) : ControllerBase
        {
            public IActionResult Get()
            {
                try { return Ok(); }
                catch (Exception ex) { logger.LogError(ex, "Get failed"); return Problem([|ex.ToString()|]); }
            }
        }
        """, """
        using System;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Logging;
        public class OrdersController(ILogger<OrdersController> logger) : ControllerBase
        {
            public IActionResult Get()
            {
                try { return Ok(); }
                catch (Exception ex) { logger.LogError(ex, "Get failed"); return Problem("An unexpected error occurred."); }
            }
        }
        """);

    [Fact]
    public Task SwallowedFailures_Rethrow() => FixSwallowed.Test("""
        using System;
        using System.Security;
        using System.Security.Cryptography;
        class C
        {
            bool M(Aes aes, byte[] data)
            {
                try { aes.DecryptCbc(data, new byte[16]); }
                [|catch|] (CryptographicException) { }
                try { Demand(); }
                [|catch|] (SecurityException)
                {
                }
                try { Demand(); }
                [|catch|] (SecurityException e)
                {
                    Console.Beep();
                    return true;
                }
                try { Demand(); }
                [|catch|] (SecurityException)
                {
                    Console.Beep();
                }
                return false;
            }

            void Demand() { }
        }
        """, """
        using System;
        using System.Security;
        using System.Security.Cryptography;
        class C
        {
            bool M(Aes aes, byte[] data)
            {
                aes.DecryptCbc(data, new byte[16]);
                Demand();
                try { Demand(); }
                catch (SecurityException e)
                {
                    Console.Beep();
                    throw;
                }
                try { Demand(); }
                catch (SecurityException)
                {
                    Console.Beep();
                    throw;
                }
                return false;
            }

            void Demand() { }
        }
        """).WithEquivalenceKey(RethrowSecurityFailureCodeFix.RethrowKey).RunAsync();

    [Fact]
    public Task SwallowingOnlyCatches_AreRemoved_NotTurnedIntoARethrowOnlyCatch() => FixSwallowed.Test("""
        using System;
        using System.Security;
        class C
        {
            byte[]? M(byte[] data)
            {
                try
                {
                    // Checks the caller first.
                    Demand();
                    Console.Beep();
                }
                [|catch|] (SecurityException)
                {
                    return null;
                }

                try { Demand(); }
                [|catch|] (SecurityException) { }
                finally { Console.Beep(); }

                try { Demand(); }
                [|catch|] (SecurityException) { }
                catch (Exception) { Console.Beep(); }

                return data;
            }

            void Demand() { }
        }
        """, """
        using System;
        using System.Security;
        class C
        {
            byte[]? M(byte[] data)
            {
                // Checks the caller first.
                Demand();
                Console.Beep();

                try { Demand(); }
                finally { Console.Beep(); }

                try { Demand(); }
                catch (SecurityException) { throw; }
                catch (Exception) { Console.Beep(); }

                return data;
            }

            void Demand() { }
        }
        """).RunAsync();

    [Fact]
    public Task CatchesThatReturnElsewhereToo_HaveNoFix() => FixSwallowed.Test("""
        using System.Security;
        class C
        {
            bool M(bool flag)
            {
                try { Demand(); }
                [|catch|] (SecurityException)
                {
                    if (flag) { return false; }
                    return true;
                }
                return false;
            }

            void Demand() { }
        }
        """, """
        using System.Security;
        class C
        {
            bool M(bool flag)
            {
                try { Demand(); }
                [|catch|] (SecurityException)
                {
                    if (flag) { return false; }
                    return true;
                }
                return false;
            }

            void Demand() { }
        }
        """).RunAsync();
}
