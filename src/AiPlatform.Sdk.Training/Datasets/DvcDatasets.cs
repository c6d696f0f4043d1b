using System.Globalization;
using System.Text;
using System.Text.Json;
using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Telemetry;

namespace AiPlatform.Sdk.Training.Datasets;

/// <summary><see cref="IDvcDatasets"/> on an <see cref="IObjectStore"/> that reaches the remotes' buckets.</summary>
internal sealed class DvcDatasets(IObjectStore store, ClientInstrumentation instrumentation) : IDvcDatasets
{
    private const string Service = "dvc";
    private const string PartialSuffix = ".partial";

    public Task<DvcDataset> ResolveAsync(string repositoryFolder, string path, string? remote = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryFolder);
        return ResolveAsync(
            async (file, ct) => File.Exists(Path.Combine(repositoryFolder, file)) ? await File.ReadAllTextAsync(Path.Combine(repositoryFolder, file), ct).ConfigureAwait(false) : null,
            path, remote, cancellationToken);
    }

    public Task<DvcDataset> ResolveAsync(Func<string, CancellationToken, Task<string?>> readFile, string path, string? remote = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(readFile);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return instrumentation.RunAsync("Resolve", async _ =>
        {
            var relative = path.Replace('\\', '/').TrimEnd('/');
            var configs = new List<string>();
            foreach (var name in new[] { ".dvc/config", ".dvc/config.local" })
            {
                if (await readFile(name, cancellationToken).ConfigureAwait(false) is { } text)
                {
                    configs.Add(text);
                }
            }

            var (defaultRemote, remotes) = Parse(() => DvcFiles.ReadConfig([.. configs]));
            var remoteName = remote ?? defaultRemote
                ?? throw new AiPlatformNotFoundException(Service, "Resolve", "The repository has no default DVC remote (core.remote in .dvc/config); name one.");
            var chosen = remotes.GetValueOrDefault(remoteName)
                ?? throw new AiPlatformNotFoundException(Service, "Resolve", $"The DVC remote '{remoteName}' is not configured in the repository's .dvc/config.");

            var output = await FindOutAsync(readFile, relative, cancellationToken).ConfigureAwait(false);
            return new DvcDataset(relative, output.Md5, output.Size, output.FileCount, output.Layout, chosen);
        }, cancellationToken: cancellationToken);
    }

    public Task PullAsync(DvcDataset dataset, string target, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentException.ThrowIfNullOrEmpty(target);
        return instrumentation.RunAsync("Pull", async _ =>
        {
            var counter = new ByteCounter(progress);
            if (!dataset.IsDirectory)
            {
                await PullFileAsync(dataset, dataset.Md5, Path.GetFullPath(target), dataset.Path, counter, cancellationToken).ConfigureAwait(false);
                return;
            }

            var root = Path.GetFullPath(target);
            foreach (var (md5, relpath) in await ReadManifestAsync(dataset, cancellationToken).ConfigureAwait(false))
            {
                var file = Path.GetFullPath(Path.Combine(root, relpath));
                if (!file.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new AiPlatformValidationException(Service, "Pull", $"The manifest of {dataset.Path} names '{relpath}', which is outside the target folder.");
                }

                await PullFileAsync(dataset, md5, file, $"{dataset.Path}/{relpath}", counter, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken: cancellationToken);
    }

    public Task<DvcDataset> PushAsync(string source, DvcRemote remote, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentNullException.ThrowIfNull(remote);
        return instrumentation.RunAsync("Push", async _ =>
        {
            var full = Path.GetFullPath(source.TrimEnd('/', Path.DirectorySeparatorChar));
            var counter = new ByteCounter(progress);
            DvcDataset dataset;
            if (File.Exists(full))
            {
                var md5 = await PushFileAsync(full, remote, counter, cancellationToken).ConfigureAwait(false);
                dataset = new DvcDataset(Path.GetFileName(full), md5, new FileInfo(full).Length, null, DvcLayout.Dvc3, remote);
            }
            else if (Directory.Exists(full))
            {
                var entries = new List<(string Md5, string RelPath)>();
                long size = 0;
                foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                    .Select(f => (Path: f, Rel: Path.GetRelativePath(full, f).Replace(Path.DirectorySeparatorChar, '/')))
                    .OrderBy(f => f.Rel, StringComparer.Ordinal))
                {
                    entries.Add((await PushFileAsync(file.Path, remote, counter, cancellationToken).ConfigureAwait(false), file.Rel));
                    size += new FileInfo(file.Path).Length;
                }

                var manifest = DvcManifest.Write(entries);
                var md5 = DvcHash.Compute(manifest) + ".dir";
                await PutIfMissingAsync(remote, DvcHash.Key(remote, DvcLayout.Dvc3, md5), () => new MemoryStream(manifest), cancellationToken).ConfigureAwait(false);
                dataset = new DvcDataset(Path.GetFileName(full), md5, size, entries.Count, DvcLayout.Dvc3, remote);
            }
            else
            {
                throw new AiPlatformNotFoundException(Service, "Push", $"'{source}' is neither a file nor a folder.");
            }

            await File.WriteAllTextAsync(full + ".dvc", DvcFileText(dataset), cancellationToken).ConfigureAwait(false);
            return dataset;
        }, cancellationToken: cancellationToken);
    }

    private static async Task<DvcFiles.Out> FindOutAsync(Func<string, CancellationToken, Task<string?>> readFile, string relative, CancellationToken cancellationToken)
    {
        var dvcFile = relative + ".dvc";
        if (await readFile(dvcFile, cancellationToken).ConfigureAwait(false) is { } text)
        {
            var name = relative[(relative.LastIndexOf('/') + 1)..];
            return Parse(() => DvcFiles.ReadDvcFile(text, dvcFile)).FirstOrDefault(o => o.Path.TrimEnd('/') == name)
                ?? throw new AiPlatformNotFoundException(Service, "Resolve", $"{dvcFile} has no out with path '{name}'.");
        }

        if (await readFile("dvc.lock", cancellationToken).ConfigureAwait(false) is { } lockText &&
            Parse(() => DvcFiles.ReadLockFile(lockText, "dvc.lock")).FirstOrDefault(o => o.Path.TrimEnd('/') == relative) is { } output)
        {
            return output;
        }

        throw new AiPlatformNotFoundException(Service, "Resolve", $"Neither {relative}.dvc nor an out of dvc.lock declares '{relative}'.");
    }

    private async Task<IReadOnlyList<(string Md5, string RelPath)>> ReadManifestAsync(DvcDataset dataset, CancellationToken cancellationToken)
    {
        var key = DvcHash.Key(dataset.Remote, dataset.Layout, dataset.Md5);
        var content = await store.GetAsync(dataset.Remote.Bucket, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await content.Content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            var md5 = DvcHash.Compute(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) + ".dir";
            if (md5 != dataset.Md5)
            {
                throw Mismatch(dataset.Path + " (its .dir manifest)", dataset.Md5, md5);
            }

            return DvcManifest.Read(buffer.ToArray(), dataset.Path);
        }
    }

    /// <summary>Downloads one object into <c>{file}.partial</c> (continuing one left by an interrupted call), checks its md5, then moves it into place.</summary>
    private async Task PullFileAsync(DvcDataset dataset, string md5, string file, string name, ByteCounter counter, CancellationToken cancellationToken)
    {
        if (File.Exists(file) && await HashFileAsync(file, dataset.Layout, cancellationToken).ConfigureAwait(false) == md5)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var partial = file + PartialSuffix;
        var stream = new FileStream(partial, FileMode.Append, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var key = DvcHash.Key(dataset.Remote, dataset.Layout, md5);
            var content = await store.GetAsync(dataset.Remote.Bucket, key, new GetObjectOptions { Offset = stream.Length }, cancellationToken).ConfigureAwait(false);
            await using (content.ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.Content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    counter.Add(read);
                }
            }
        }

        var actual = await HashFileAsync(partial, dataset.Layout, cancellationToken).ConfigureAwait(false);
        if (actual != md5)
        {
            File.Delete(partial);
            throw Mismatch(name, md5, actual);
        }

        File.Move(partial, file, overwrite: true);
    }

    private async Task<string> PushFileAsync(string file, DvcRemote remote, ByteCounter counter, CancellationToken cancellationToken)
    {
        var md5 = await HashFileAsync(file, DvcLayout.Dvc3, cancellationToken).ConfigureAwait(false);
        if (await PutIfMissingAsync(remote, DvcHash.Key(remote, DvcLayout.Dvc3, md5), () => File.OpenRead(file), cancellationToken).ConfigureAwait(false))
        {
            counter.Add(new FileInfo(file).Length);
        }

        return md5;
    }

    private async Task<bool> PutIfMissingAsync(DvcRemote remote, string key, Func<Stream> open, CancellationToken cancellationToken)
    {
        try
        {
            await store.StatAsync(remote.Bucket, key, cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (AiPlatformNotFoundException)
        {
        }

        var content = open();
        await using (content.ConfigureAwait(false))
        {
            await store.PutAsync(remote.Bucket, key, content, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private static async Task<string> HashFileAsync(string file, DvcLayout layout, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(file);
        await using (stream.ConfigureAwait(false))
        {
            return await DvcHash.ComputeAsync(stream, layout, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string DvcFileText(DvcDataset dataset)
    {
        var text = new StringBuilder("outs:\n").Append(CultureInfo.InvariantCulture, $"- md5: {dataset.Md5}\n");
        if (dataset.Size is { } size)
        {
            text.Append(CultureInfo.InvariantCulture, $"  size: {size}\n");
        }

        if (dataset.FileCount is { } files)
        {
            text.Append(CultureInfo.InvariantCulture, $"  nfiles: {files}\n");
        }

        // A plain YAML scalar when it is one; otherwise a double-quoted one (JSON's string escapes are YAML's).
        var path = dataset.Path.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/') && !dataset.Path.StartsWith('-')
            ? dataset.Path
            : JsonSerializer.Serialize(dataset.Path, DvcJsonContext.Default.String);
        return text.Append("  hash: md5\n").Append(CultureInfo.InvariantCulture, $"  path: {path}\n").ToString();
    }

    private static T Parse<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (FormatException e)
        {
            throw new AiPlatformValidationException(Service, "Resolve", e.Message, innerException: e);
        }
    }

    private static AiPlatformException Mismatch(string name, string expected, string actual) =>
        new(Service, "Pull", $"{name} failed its md5 check: DVC recorded {expected}, the remote's content hashes to {actual}.", errorCode: "ChecksumMismatch");

    private sealed class ByteCounter(IProgress<long>? progress)
    {
        private long _total;

        public void Add(long bytes)
        {
            _total += bytes;
            progress?.Report(_total);
        }
    }
}
