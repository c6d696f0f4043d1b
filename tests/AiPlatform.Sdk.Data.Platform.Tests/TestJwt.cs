using System.Text;
using System.Text.Json;

namespace AiPlatform.Sdk.Data.Platform.Tests;

/// <summary>Unsigned JWTs for fakes that issue tokens, and the subject of one a client sent.</summary>
internal static class TestJwt
{
    public static string Create(string subject, DateTimeOffset expires)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Part("""{"alg":"HS512","typ":"JWT"}""")}.{Part($$"""{"sub":"{{subject}}","exp":{{expires.ToUnixTimeSeconds()}}}""")}.c2ln";
    }

    /// <summary>The <c>sub</c> of the bearer token in an Authorization header value.</summary>
    public static string SubjectOf(string authorization)
    {
        var payload = authorization["Bearer ".Length..].Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.GetProperty("sub").GetString()!;
    }
}
