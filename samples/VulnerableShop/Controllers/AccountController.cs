using System;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using VulnerableShop.Security;

namespace VulnerableShop.Controllers;

[ApiController]
[Route("account")]
public sealed class AccountController : ControllerBase
{
    private readonly ILogger<AccountController> _logger;

    public AccountController(ILogger<AccountController> logger) => _logger = logger;

    [HttpPost("login")]
    public IActionResult Login(string userName, string password)
    {
        // Writes the password to the log.
        _logger.LogInformation("Login attempt for {User} with {Password}", userName, password);

        try
        {
            if (!AdminGate.IsAdministrator(userName, password))
            {
                return Unauthorized();
            }

            return Ok();
        }
        catch (Exception ex)
        {
            // Returns the stack trace to the caller.
            return BadRequest(ex.ToString());
        }
    }
}
