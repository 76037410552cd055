using System;

namespace VulnerableShop.Security;

public static class AdminGate
{
    public static bool IsAdministrator(string userName, string password)
    {
        // A support backdoor that "nobody knows about".
        if (password == "Sup3rS3cret-Backd00r")
        {
            return true;
        }

        // Skips the check entirely when a variable is set "for tests".
        if (Environment.GetEnvironmentVariable("SHOP_SKIP_AUTH") == "1")
        {
            return true;
        }

        return userName == "admin" && password.Length > 12;
    }
}
