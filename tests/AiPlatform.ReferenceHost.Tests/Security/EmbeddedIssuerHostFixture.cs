using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.ReferenceHost.Tests.Security;

/// <summary>
/// One reference host without an external authority, so it issues its own tokens, with three configured clients: a writer, a
/// reader without roles and a platform administrator. Tests forge tokens with the development key the host keeps in its data folder.
/// </summary>
public sealed class EmbeddedIssuerHostFixture : IAsyncLifetime
{
    public const string WriterId = "writer-app";
    public const string WriterSecret = "writer-secret-Qx81mZ";
    public const string ReaderId = "reader-app";
    public const string ReaderSecret = "reader-secret-Lp42vN";
    public const string AdminId = "admin-app";
    public const string AdminSecret = "admin-secret-Hw27cT";

    public ReferenceHostProcess Host { get; private set; } = null!;

    public RSA SigningKey { get; } = RSA.Create();

    public string KeyId { get; private set; } = null!;

    public string Issuer => Host.BaseAddress.AbsoluteUri;

    public async Task InitializeAsync()
    {
        Host = await ReferenceHostProcess.StartAsync(new Dictionary<string, string?>
        {
            ["AiPlatform:Server:Authentication:Clients:0:ClientId"] = WriterId,
            ["AiPlatform:Server:Authentication:Clients:0:ClientSecret"] = WriterSecret,
            ["AiPlatform:Server:Authentication:Clients:0:Roles:0"] = "aiplatform-writer",
            ["AiPlatform:Server:Authentication:Clients:1:ClientId"] = ReaderId,
            ["AiPlatform:Server:Authentication:Clients:1:ClientSecret"] = ReaderSecret,
            ["AiPlatform:Server:Authentication:Clients:2:ClientId"] = AdminId,
            ["AiPlatform:Server:Authentication:Clients:2:ClientSecret"] = AdminSecret,
            ["AiPlatform:Server:Authentication:Clients:2:Roles:0"] = "aiplatform-writer",
            ["AiPlatform:Server:Authentication:Clients:2:Roles:1"] = "aiplatform-admin",
        });
        SigningKey.ImportFromPem(await File.ReadAllTextAsync(Path.Combine(Host.DataPath, "identity", "dev-signing-key.pem")));
        var jwks = await Host.Client.GetFromJsonAsync<JsonObject>(".well-known/jwks");
        KeyId = jwks!["keys"]![0]!["kid"]!.GetValue<string>();
    }

    public string Forge(JsonObject claims) => TestTokens.Sign(SigningKey, KeyId, claims);

    public async Task DisposeAsync()
    {
        SigningKey.Dispose();
        await Host.DisposeAsync();
    }
}
