using System.Text.Json.Serialization;
using AiPlatform.Sdk.Identity.Permissions;

namespace AiPlatform.Sdk.AspNetCore.Security;

/// <summary>The answer of a permission check.</summary>
internal sealed record PermissionCheckResult(bool Allowed, IReadOnlyCollection<string> Subjects);

[JsonSerializable(typeof(ObjectPermission))]
[JsonSerializable(typeof(List<ObjectPermission>))]
[JsonSerializable(typeof(PermissionCheckResult))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class SecurityJsonContext : JsonSerializerContext;
