using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.Identity.Permissions;

/// <summary>
/// The embedded store: every grant in memory, persisted to one JSON file after each change by write-temp, flush to disk and
/// atomic rename, so a crash leaves either the old or the new file.
/// </summary>
internal sealed class FileObjectPermissionStore(string filePath) : IObjectPermissionStore, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HashSet<ObjectPermission>? _grants;

    public string FilePath { get; } = filePath;

    public async Task GrantAsync(ObjectPermission permission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(permission);
        permission.Validate();
        await MutateAsync(grants => grants.Add(permission), cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RevokeAsync(ObjectPermission permission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(permission);
        return await MutateAsync(grants => grants.Remove(permission), cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> HasPermissionAsync(
        IReadOnlyCollection<string> subjects, string permission, string objectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var grants = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
        return subjects.Any(s => grants.Contains(new ObjectPermission(s, permission, objectId)));
    }

    public async IAsyncEnumerable<ObjectPermission> ListForSubjectAsync(
        string subject, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var grants = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
        foreach (var grant in grants.Where(g => g.Subject == subject)
                     .OrderBy(g => g.ObjectId, StringComparer.Ordinal).ThenBy(g => g.Permission, StringComparer.Ordinal))
        {
            yield return grant;
        }
    }

    public async IAsyncEnumerable<ObjectPermission> ListForObjectAsync(
        string objectId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var grants = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
        foreach (var grant in grants.Where(g => g.ObjectId == objectId)
                     .OrderBy(g => g.Subject, StringComparer.Ordinal).ThenBy(g => g.Permission, StringComparer.Ordinal))
        {
            yield return grant;
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<ObjectPermission[]> SnapshotAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return [.. await LoadAsync(cancellationToken).ConfigureAwait(false)];
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> MutateAsync(Func<HashSet<ObjectPermission>, bool> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var grants = await LoadAsync(cancellationToken).ConfigureAwait(false);
            if (!change(grants))
            {
                return false;
            }

            await SaveAsync(grants, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<HashSet<ObjectPermission>> LoadAsync(CancellationToken cancellationToken)
    {
        if (_grants is not null)
        {
            return _grants;
        }

        if (!File.Exists(FilePath))
        {
            return _grants = [];
        }

        await using var stream = File.OpenRead(FilePath);
        try
        {
            var stored = await JsonSerializer.DeserializeAsync(stream, PermissionJsonContext.Default.ObjectPermissionArray, cancellationToken)
                .ConfigureAwait(false);
            return _grants = [.. stored ?? []];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The permission file {FilePath} is corrupt: {ex.Message}", ex);
        }
    }

    private async Task SaveAsync(HashSet<ObjectPermission> grants, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(FilePath))!);
        var temp = FilePath + ".tmp";
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            await JsonSerializer.SerializeAsync(stream, grants.ToArray(), PermissionJsonContext.Default.ObjectPermissionArray, cancellationToken)
                .ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, FilePath, overwrite: true);
    }
}

[JsonSerializable(typeof(ObjectPermission[]))]
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class PermissionJsonContext : JsonSerializerContext;
