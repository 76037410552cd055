using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Bastion.Analyzers.Shared.Formats;

namespace Bastion.Tests.Secrets.Corpus;

/// <summary>A deterministic corpus of fake secrets (made here from each format's description, never real) and of
/// look-alike values that are not secrets. Used to measure recall and false positives per rule.</summary>
public static class SecretCorpus
{
    public sealed record Sample(string Kind, string Value);

    private static readonly Dictionary<CharClass, string> Alphabets = new()
    {
        [CharClass.Base62] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        [CharClass.Base64Url] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
        [CharClass.Base64] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
        [CharClass.PemBody] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
        [CharClass.Hex] = "0123456789abcdefABCDEF",
        [CharClass.HexLower] = "0123456789abcdef",
        [CharClass.HexUpper] = "0123456789ABCDEF",
        [CharClass.Digits] = "0123456789",
        [CharClass.UpperAlnum] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
        [CharClass.LowerAlnum] = "abcdefghijklmnopqrstuvwxyz0123456789",
        [CharClass.Base32Upper] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
        [CharClass.Alpha] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        [CharClass.Bech32Upper] = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
        [CharClass.EntraSecret] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-",
        [CharClass.Base62Percent] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789%",
    };

    /// <summary><paramref name="perFormat"/> fake tokens of every catalogue format, with the format's ID as kind.</summary>
    public static IReadOnlyList<Sample> FakeSecrets(int perFormat = 2)
    {
        var random = new Random(20261121);
        var samples = new List<Sample>();
        foreach (var format in TokenCatalog.All)
        {
            for (var i = 0; i < perFormat; i++)
            {
                samples.Add(new Sample(format.Id, Generate(format, random)));
            }
        }

        return samples;
    }

    internal static string Generate(TokenFormat format, Random random)
    {
        if (format.Validation == TokenValidation.JwtHeader)
        {
            return Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + Base64Url($"{{\"sub\":\"{random.Next()}\",\"name\":\"user{random.Next(1000)}\",\"iat\":{1700000000 + random.Next(1000000)}}}") + "." + RandomText(Alphabets[CharClass.Base64Url], 43, random);
        }

        var builder = new StringBuilder();
        foreach (var segment in format.Pattern.Segments)
        {
            if (segment.IsLiteral)
            {
                builder.Append(segment.Literal);
                continue;
            }

            var length = Math.Min(segment.Max, segment.Min + random.Next(0, Math.Min(8, segment.Max - segment.Min + 1)));
            if (segment.Class == CharClass.PemBody)
            {
                builder.Append('\n');
                for (var line = 0; line < 6; line++)
                {
                    builder.Append(RandomText(Alphabets[CharClass.Base64], 64, random)).Append('\n');
                }

                builder.Append("-----END KEY-----");
                continue;
            }

            builder.Append(RandomText(Alphabets[segment.Class], length, random));
        }

        var token = builder.ToString();
        if (format.Validation == TokenValidation.Crc32Base62)
        {
            var crc = Crc32.Compute(token, token.Length - 36, 30);
            token = token.Substring(0, token.Length - 6) + TokenScanner.Base62(crc, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
        }

        return token;
    }

    /// <summary>Values that look like secrets to a naive scanner and are not: hashes, GUIDs, base64 of text, URLs,
    /// paths, resource names, documentation examples, and near misses of real formats.</summary>
    public static IReadOnlyList<Sample> LookAlikes()
    {
        var random = new Random(1121);
        var samples = new List<Sample>();
        for (var i = 0; i < 40; i++)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            samples.Add(new Sample("guid", new Guid(bytes).ToString()));
            samples.Add(new Sample("guid-braced-upper", new Guid(bytes).ToString("B").ToUpperInvariant()));
            var text = $"Order {i} shipped to customer {random.Next(10000)} on day {random.Next(365)}";
            samples.Add(new Sample("sha1", Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant()));
            samples.Add(new Sample("sha256", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))));
            samples.Add(new Sample("md5", Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant()));
            samples.Add(new Sample("base64-text", Convert.ToBase64String(Encoding.UTF8.GetBytes(text))));
            samples.Add(new Sample("url", $"https://api.contoso-shop.test/v{i % 3 + 1}/orders/{random.Next(100000)}?include=lines&page={i}"));
            samples.Add(new Sample("path", i % 2 == 0 ? $@"C:\Users\build{i}\AppData\Local\Temp\packages\Contoso.Shop.{i}.nupkg" : $"/usr/local/share/contoso/shop-{i}/config/appsettings.Production.json"));
            samples.Add(new Sample("resource", $"Contoso.Shop.Resources.Strings{i}.resources"));
            samples.Add(new Sample("near-miss-github", "ghp_" + RandomText(Alphabets[CharClass.Base62], 36, random)));
        }

        samples.AddRange(new[]
        {
            new Sample("aws-doc-example", "AKIAIOSFODNN7EXAMPLE"),
            new Sample("aws-doc-example-secret", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            new Sample("stripe-placeholder", "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"),
            new Sample("stripe-words", "sk_test_ThisIsNotARealKeyButLooksLikeOne"),
            new Sample("slack-placeholder", "xoxb-your-bot-token-here"),
            new Sample("pem-header-only", "-----BEGIN RSA PRIVATE KEY-----"),
            new Sample("pem-public-key", "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----"),
            new Sample("pem-elided", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC...\n-----END PRIVATE KEY-----"),
            new Sample("jwt-not-json", "eyJub3RqdXN0b24.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl"),
            new Sample("semver", "10.0.401+e34a38d2ae"),
            new Sample("azure-resource-id", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shop-rg/providers/Microsoft.Web/sites/shop"),
            new Sample("sentence", "The API key must be rotated every 90 days by the platform team."),
            new Sample("regex", "^[A-Za-z0-9_-]{36}$"),
            new Sample("color", "#1e90ff"),
            new Sample("timestamp", "2026-11-21T05:52:23.0000000Z"),
            new Sample("connection-no-password", "Server=db.internal.test;Database=shop;Integrated Security=true;"),
            new Sample("key-word", "key-value-store-configuration-settings"),
            new Sample("secret-underscore-word", "secret_management_is_documented_in_the_wiki_page"),
            new Sample("api-dash-word", "API-GATEWAY-PRODUCTION-ENDPOINT"),
            new Sample("hf-short", "hf_hub_download"),
            new Sample("npm-package", "npm_config_registry"),
            new Sample("base64-image", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
            new Sample("nuget-id", "Microsoft.CodeAnalysis.CSharp.Workspaces"),
            new Sample("mime", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        });
        return samples;
    }

    private static string RandomText(string alphabet, int length, Random random)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static IEnumerable<IGrouping<string, Sample>> ByKind(IEnumerable<Sample> samples) => samples.GroupBy(s => s.Kind);
}
