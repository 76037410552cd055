using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace VulnerableShop.Services;

/// <summary>Protects reset tokens. No name here says "secret": only the flow into the APIs gives them away.</summary>
public sealed class TokenProtector
{
    private static readonly byte[] Material = Encoding.UTF8.GetBytes("shop-master-material-2024-v1!!!!");

    private static readonly string Fallback = "Backup-Acc0unt-Pa55";

    public byte[] Protect(byte[] data)
    {
        using var aes = Aes.Create();
        aes.Key = Material;
        return aes.EncryptCbc(data, RandomNumberGenerator.GetBytes(16));
    }

    // Treats a tampered token as "no token" without a trace in the logs.
    public byte[]? Unprotect(byte[] data, byte[] iv)
    {
        using var aes = Aes.Create();
        aes.Key = Material;
        try
        {
            return aes.DecryptCbc(data, iv);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public ICredentials BackupAccount() => Connect("svc-backup", Fallback);

    private static ICredentials Connect(string user, string value) => new NetworkCredential(user, value);
}
