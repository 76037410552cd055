using System.Collections.Generic;
using System.Data.Common;

namespace VulnerableShop.Data;

public sealed class OrderRepository
{
    private const string ConnectionString =
        "Server=db.internal.test;Database=shop;User Id=shop_app;Password=Db-P4ssw0rd-99;";

    public DbConnectionStringBuilder Connection(string tenant)
    {
        // The tenant name comes from the request and is concatenated into the connection string.
        var builder = new DbConnectionStringBuilder { ConnectionString = ConnectionString + "Application Name=" + tenant };
        builder["Password"] = "Db-P4ssw0rd-99";
        return builder;
    }

    public Dictionary<string, string> ReportingSettings() => new()
    {
        ["Reporting:ApiToken"] = "rpt-7f3c9a1e5b2d8046",
    };
}
