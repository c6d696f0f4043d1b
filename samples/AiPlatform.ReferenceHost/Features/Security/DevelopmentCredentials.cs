using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace AiPlatform.ReferenceHost.Features.Security;

/// <summary>
/// The embedded issuer's development material, kept in <c>{AiPlatform:DataPath}/identity</c> so tokens and the generated client
/// secret survive a restart: an RSA signing key (PEM) and, when no clients are configured, one generated client secret.
/// </summary>
internal sealed class DevelopmentCredentials
{
    public const string DevelopmentClientId = "aiplatform-dev";

    private DevelopmentCredentials(RsaSecurityKey signingKey, string? generatedSecret)
    {
        SigningKey = signingKey;
        GeneratedSecret = generatedSecret;
    }

    public RsaSecurityKey SigningKey { get; }

    /// <summary>The secret of <see cref="DevelopmentClientId"/> when the host generated it, else <see langword="null"/>.</summary>
    public string? GeneratedSecret { get; }

    public static string SigningKeyPath(string dataPath) => Path.Combine(dataPath, "identity", "dev-signing-key.pem");

    public static DevelopmentCredentials LoadOrCreate(string dataPath, bool generateClient)
    {
        var folder = Path.Combine(dataPath, "identity");
        Directory.CreateDirectory(folder);
        var rsa = RSA.Create();
        var keyPath = SigningKeyPath(dataPath);
        if (File.Exists(keyPath))
        {
            rsa.ImportFromPem(File.ReadAllText(keyPath));
        }
        else
        {
            rsa.KeySize = 2048;
            WritePrivate(keyPath, rsa.ExportRSAPrivateKeyPem());
        }

        var key = new RsaSecurityKey(rsa) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportRSAPublicKey()).AsSpan(0, 16).ToArray()) };
        string? secret = null;
        if (generateClient)
        {
            var secretPath = Path.Combine(folder, "dev-client-secret");
            if (File.Exists(secretPath))
            {
                secret = File.ReadAllText(secretPath).Trim();
            }
            else
            {
                secret = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
                WritePrivate(secretPath, secret);
            }
        }

        return new DevelopmentCredentials(key, secret);
    }

    private static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
