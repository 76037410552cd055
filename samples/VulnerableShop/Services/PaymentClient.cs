using System.Net.Http;
using System.Net.Http.Headers;

namespace VulnerableShop.Services;

public sealed class PaymentClient
{
    private const string ApiKey = "pk_fake_8Hq2LmZ4vX9rT1wB6nC3yD5e";

    private readonly HttpClient _http = new();

    public PaymentClient()
    {
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
    }
}
