using System.Net;
using System.Net.Mail;

namespace VulnerableShop.Services;

public sealed class SmtpMailer
{
    public SmtpClient CreateClient() => new("smtp.example.test", 587)
    {
        EnableSsl = true,
        Credentials = new NetworkCredential("shop-mailer", "M4ilP@ss-2024!"),
    };
}
