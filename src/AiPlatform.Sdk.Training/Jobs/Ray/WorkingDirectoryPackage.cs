using System.IO.Compression;
using System.Security.Cryptography;

namespace AiPlatform.Sdk.Training.Jobs.Ray;

/// <summary>
/// A job's working directory as the zip package Ray's <c>runtime_env.working_dir</c> takes: the folder's files at the archive's root
/// (without <c>.git</c>), in path order with fixed timestamps so the same files always make the same bytes, written to a temporary
/// file (memory stays flat for any folder size) and named after its content hash — <c>gcs://_ray_pkg_{hash}.zip</c>, as Ray names
/// its own — so an unchanged folder is found on the cluster and not uploaded again.
/// </summary>
internal sealed class WorkingDirectoryPackage : IAsyncDisposable
{
    private static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private WorkingDirectoryPackage(string file, string name)
    {
        File = file;
        Name = name;
    }

    /// <summary>The protocol part of the package URI.</summary>
    public const string Protocol = "gcs";

    /// <summary>The package's name, such as <c>_ray_pkg_3f2a….zip</c>.</summary>
    public string Name { get; }

    /// <summary>The URI the runtime environment names: <c>gcs://{Name}</c>.</summary>
    public string Uri => $"{Protocol}://{Name}";

    /// <summary>The temporary zip file.</summary>
    public string File { get; }

    public static async Task<WorkingDirectoryPackage> CreateAsync(string directory, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(directory);
        var file = Path.Combine(Path.GetTempPath(), $"aiplatform-ray-{Guid.NewGuid():N}.zip");
        try
        {
            var zipStream = new FileStream(file, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true);
            await using (zipStream.ConfigureAwait(false))
            {
                var archive = new ZipArchive(zipStream, ZipArchiveMode.Create, leaveOpen: true);
                await using (archive.ConfigureAwait(false))
                {
                    foreach (var path in Files(root))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var entry = archive.CreateEntry(Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'), CompressionLevel.Optimal);
                        entry.LastWriteTime = FixedTime;
                        var target = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
                        await using (target.ConfigureAwait(false))
                        {
                            var source = System.IO.File.OpenRead(path);
                            await using (source.ConfigureAwait(false))
                            {
                                await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
                            }
                        }
                    }
                }

                zipStream.Position = 0;
                var hash = await SHA256.HashDataAsync(zipStream, cancellationToken).ConfigureAwait(false);
                return new WorkingDirectoryPackage(file, $"_ray_pkg_{Convert.ToHexStringLower(hash)[..40]}.zip");
            }
        }
        catch
        {
            System.IO.File.Delete(file);
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        System.IO.File.Delete(File);
        return ValueTask.CompletedTask;
    }

    private static IEnumerable<string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Where(path => !Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar).Contains(".git"))
            .Order(StringComparer.Ordinal);
}
