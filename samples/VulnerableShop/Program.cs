using System;
using System.Net.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using VulnerableShop.Services;

namespace VulnerableShop;

public static class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        builder.Services.AddSingleton<PaymentClient>();
        builder.Services.AddSingleton<SmtpMailer>();

        // "Temporary" while the staging certificate is broken: accepts any server certificate.
        builder.Services.AddHttpClient("payments").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true,
        });

        var app = builder.Build();

        // Stack traces and source snippets for every visitor, not only in Development.
        app.UseDeveloperExceptionPage();

        // Lets anyone switch the culture (and more) of the whole process from a query string.
        app.MapGet("/admin/env", (HttpRequest request) =>
        {
            Environment.SetEnvironmentVariable("SHOP_MODE", request.Query["mode"]);
            return Results.Ok();
        });

        app.MapControllers();
        app.Run();
    }
}
