namespace AiPlatform.Sdk.Data.Documents;

/// <summary>The document layer's errors, worded the same by every provider.</summary>
internal static class DocumentErrors
{
    public const string Service = "documents";

    public static AiPlatformConflictException Exists(string collection, string id) =>
        new(Service, "Insert", $"{Service} Insert failed: {collection}/{id} exists already or breaks a unique index", errorCode: "DuplicateKey");

    public static AiPlatformConflictException VersionMismatch(string operation, string collection, string id, long expected) =>
        new(Service, operation, $"{Service} {operation} failed: {collection}/{id} is no longer at version {expected}", errorCode: "VersionMismatch");

    public static AiPlatformNotFoundException Missing(string operation, string collection, string id) =>
        new(Service, operation, $"{Service} {operation} failed: {collection}/{id} does not exist", errorCode: "NotFound");

    public static void ValidateId(string operation, string id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 256 || id.Any(char.IsControl))
        {
            throw new AiPlatformValidationException(Service, operation, $"{Service} {operation} rejected: the id must be 1 to 256 characters without control characters", errorCode: "InvalidId");
        }
    }
}
