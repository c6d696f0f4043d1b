using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AiPlatform.ReferenceHost.Tests.Security;

/// <summary>Builds JWTs by hand (RFC 7515 compact form), so tests can present exactly the defect they check.</summary>
internal static class TestTokens
{
    public static JsonObject Claims(string issuer, string audience, DateTimeOffset now, TimeSpan? lifetime = null, params string[] roles) => new()
    {
        ["iss"] = issuer,
        ["aud"] = audience,
        ["sub"] = "forged-caller",
        ["client_id"] = "forged-caller",
        ["iat"] = now.ToUnixTimeSeconds(),
        ["nbf"] = now.ToUnixTimeSeconds(),
        ["exp"] = (now + (lifetime ?? TimeSpan.FromMinutes(5))).ToUnixTimeSeconds(),
        ["role"] = new JsonArray([.. roles.Select(r => (JsonNode?)JsonValue.Create(r))]),
    };

    public static string Sign(RSA key, string? kid, JsonObject payload)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "at+jwt" };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        var input = $"{Encode(header)}.{Encode(payload)}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{input}.{Base64Url(signature)}";
    }

    /// <summary>The same claims, unsigned, with <c>alg: none</c> (RFC 7519 section 6).</summary>
    public static string Unsigned(JsonObject payload) =>
        $"{Encode(new JsonObject { ["alg"] = "none", ["typ"] = "JWT" })}.{Encode(payload)}.";

    /// <summary>Changes one claim of a signed token and keeps its signature, which no longer matches.</summary>
    public static string Tamper(string token, string claim, JsonNode value)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Decode(parts[1]))!.AsObject();
        payload[claim] = value;
        return $"{parts[0]}.{Encode(payload)}.{parts[2]}";
    }

    public static JsonObject Payload(string token) => JsonNode.Parse(Decode(token.Split('.')[1]))!.AsObject();

    private static string Encode(JsonNode node) => Base64Url(Encoding.UTF8.GetBytes(node.ToJsonString()));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Decode(string part) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/').PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=')));
}
