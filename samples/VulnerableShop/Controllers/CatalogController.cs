using System.Data.Common;
using System.IO;
using Microsoft.AspNetCore.Mvc;

namespace VulnerableShop.Controllers;

[ApiController]
[Route("catalog")]
public sealed class CatalogController : ControllerBase
{
    private readonly DbConnection _database;

    public CatalogController(DbConnection database) => _database = database;

    [HttpGet("search")]
    public IActionResult Search(string term)
    {
        using var command = _database.CreateCommand();
        // The search term is concatenated into the SQL text.
        command.CommandText = "select name from products where name like '%" + term + "%'";
        return Ok(command.ExecuteScalar());
    }

    // The file name from the request can climb out of the manuals folder ("../appsettings.json").
    [HttpGet("manual")]
    public IActionResult Manual(string name) => PhysicalFile(Path.Combine("/srv/manuals", name), "application/pdf");

    // After the visit, the browser goes wherever the link said, on any site.
    [HttpGet("back")]
    public IActionResult Back(string returnUrl) => Redirect(returnUrl);
}
