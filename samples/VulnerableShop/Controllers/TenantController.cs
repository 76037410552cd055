using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using VulnerableShop.Data;

namespace VulnerableShop.Controllers;

[ApiController]
[Route("tenant")]
public sealed class TenantController : ControllerBase
{
    private readonly OrderRepository _orders = new();
    private readonly IConfiguration _configuration;

    public TenantController(IConfiguration configuration) => _configuration = configuration;

    [HttpPost("switch")]
    public IActionResult Switch(string tenant)
    {
        // The tenant name from the request ends up in the connection string (see OrderRepository.Connection).
        var builder = _orders.Connection(tenant);
        return Ok(builder.Count);
    }

    [HttpPost("theme")]
    public IActionResult SetTheme(string theme)
    {
        // Anyone can rewrite an application setting, for every user.
        _configuration["Ui:Theme"] = theme;
        return Ok();
    }
}
