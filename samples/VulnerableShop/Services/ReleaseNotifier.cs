using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;

namespace VulnerableShop.Services;

/// <summary>Posts release notes. The token and webhook below are fake, generated for this sample in the formats
/// GitHub and Slack document; no name gives them away, only their format.</summary>
public sealed class ReleaseNotifier
{
    private const string Webhook = "https://hooks.slack.com/services/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";

    private readonly HttpClient _http = new();

    public ReleaseNotifier()
    {
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", "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");
    }

    public Task<HttpResponseMessage> AnnounceAsync(string notes) => _http.PostAsync(Webhook, new StringContent(notes));
}
