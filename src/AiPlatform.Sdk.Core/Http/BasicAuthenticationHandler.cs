using System.ComponentModel.DataAnnotations;
using System.Net.Http.Headers;
using System.Text;

namespace AiPlatform.Sdk.Http;

/// <summary>
/// Sends HTTP Basic credentials from the client's settings. It runs inside the platform's token handler, so configured credentials
/// take the place of a platform bearer token; with no user name it leaves the request as it is.
/// </summary>
internal sealed class BasicAuthenticationHandler(string? username, string? password) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(username))
        {
            request.Headers.Authorization = Header(username, password);
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>The settings rule of optional Basic credentials: a password without a user cannot be sent.</summary>
    public static IEnumerable<ValidationResult> Validate(string? username, string? password)
    {
        if (!string.IsNullOrEmpty(password) && string.IsNullOrEmpty(username))
        {
            yield return new ValidationResult("A password needs a Username.", ["Username"]);
        }
    }

    public static AuthenticationHeaderValue Header(string username, string? password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
}
