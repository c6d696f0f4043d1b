using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.Identity.Secrets;

internal sealed record VaultAuth(
    [property: JsonPropertyName("client_token")] string? ClientToken,
    [property: JsonPropertyName("lease_duration")] long LeaseDuration,
    [property: JsonPropertyName("renewable")] bool Renewable);

internal sealed record VaultAuthResponse([property: JsonPropertyName("auth")] VaultAuth? Auth);

internal sealed record VaultMetadata(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("created_time")] DateTimeOffset? CreatedTime,
    [property: JsonPropertyName("deletion_time")] string? DeletionTime,
    [property: JsonPropertyName("destroyed")] bool Destroyed);

internal sealed record VaultKvData(
    [property: JsonPropertyName("data")] Dictionary<string, JsonElement>? Data,
    [property: JsonPropertyName("metadata")] VaultMetadata? Metadata);

internal sealed record VaultKvReadResponse([property: JsonPropertyName("data")] VaultKvData? Data);

internal sealed record VaultKvWriteResponse([property: JsonPropertyName("data")] VaultMetadata? Data);

internal sealed record VaultKeys([property: JsonPropertyName("keys")] List<string>? Keys);

internal sealed record VaultListResponse([property: JsonPropertyName("data")] VaultKeys? Data);

internal sealed record VaultWriteOptions([property: JsonPropertyName("cas")] int Cas);

internal sealed record VaultKvWriteRequest(
    [property: JsonPropertyName("data")] IReadOnlyDictionary<string, string> Data,
    [property: JsonPropertyName("options"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] VaultWriteOptions? Options);

[JsonSerializable(typeof(VaultAuthResponse))]
[JsonSerializable(typeof(VaultKvReadResponse))]
[JsonSerializable(typeof(VaultKvWriteResponse))]
[JsonSerializable(typeof(VaultListResponse))]
[JsonSerializable(typeof(VaultKvWriteRequest))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class VaultJsonContext : JsonSerializerContext;
