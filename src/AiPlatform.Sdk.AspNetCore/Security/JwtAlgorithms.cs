using Microsoft.IdentityModel.Tokens;

namespace AiPlatform.Sdk.AspNetCore.Security;

/// <summary>The signature algorithms the host may accept: asymmetric ones only, never <c>none</c> or a shared-secret HMAC.</summary>
internal static class JwtAlgorithms
{
    public static IReadOnlyList<string> Default { get; } =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static bool IsAsymmetric(string algorithm) => Default.Contains(algorithm, StringComparer.Ordinal);
}
