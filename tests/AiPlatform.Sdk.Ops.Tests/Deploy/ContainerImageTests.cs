using AiPlatform.Sdk.Testing;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AiPlatform.Sdk.Ops.Tests.Deploy;

/// <summary>
/// The reference host's image as the .NET SDK's container support builds it (eng/container-image.sh, run by eng/test.sh before the
/// tests): its configuration and layers read from the OCI tarball, then unpacked with umoci and started in an unprivileged user
/// namespace on a read-only root filesystem until <c>/health/ready</c> answers.
/// </summary>
public sealed partial class ContainerImageTests
{
    private static readonly string Archive = Environment.GetEnvironmentVariable("AIP_CONTAINER_IMAGE")
        ?? Path.Combine(Tools.RepositoryRoot, "artifacts", "container", "reference-host.oci.tar");

    [Fact]
    public void The_image_declares_a_non_root_user_its_port_health_probes_and_labels_and_holds_no_secret_in_its_environment()
    {
        var (config, _) = ReadImage();
        var settings = config.GetProperty("config");
        var user = settings.GetProperty("User").GetString();
        Assert.False(string.IsNullOrEmpty(user) || user == "0" || user == "root" || user!.StartsWith("0:", StringComparison.Ordinal), $"user '{user}'");
        Assert.True(settings.GetProperty("ExposedPorts").TryGetProperty("8080/tcp", out _));
        var labels = settings.GetProperty("Labels");
        foreach (var label in new[] { "org.opencontainers.image.title", "org.opencontainers.image.version", "org.opencontainers.image.created", "org.opencontainers.image.licenses" })
        {
            Assert.False(string.IsNullOrEmpty(labels.TryGetProperty(label, out var value) ? value.GetString() : null), $"no label {label}");
        }

        Assert.Equal("/health/ready", labels.GetProperty("io.aiplatform.health.readiness").GetString());
        Assert.Equal("/health/live", labels.GetProperty("io.aiplatform.health.liveness").GetString());
        var environment = settings.GetProperty("Env").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains("AiPlatform__DataPath=/data", environment);
        Assert.Contains("Urls=http://+:8080", environment);
        Assert.DoesNotContain(environment, e => SecretName().IsMatch(e.Split('=')[0]));
        var entrypoint = settings.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(["dotnet", "/app/AiPlatform.ReferenceHost.dll"], entrypoint);
    }

    [Fact]
    public void No_layer_holds_a_key_file_or_a_configured_secret()
    {
        var (_, layers) = ReadImage();
        var appLayer = layers[^1];
        var names = new List<string>();
        foreach (var (name, content) in Entries(appLayer))
        {
            names.Add(name);
            Assert.False(KeyFile().IsMatch(name), $"{name} looks like a key or secret file");
            if (name.EndsWith(".json", StringComparison.Ordinal) && Path.GetFileName(name).StartsWith("appsettings", StringComparison.Ordinal))
            {
                foreach (var (key, value) in Flatten(JsonDocument.Parse(content).RootElement, string.Empty))
                {
                    Assert.False(SecretName().IsMatch(key[(key.LastIndexOf(':') + 1)..]) && value.Length > 0, $"{name} sets the secret {key}");
                }
            }
        }

        Assert.Contains(names, n => n.EndsWith("app/AiPlatform.ReferenceHost.dll", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_unpacked_image_starts_on_a_read_only_root_and_becomes_ready()
    {
        var (config, _) = ReadImage();
        var bundle = Directory.CreateTempSubdirectory("aiplatform-image-").FullName;
        try
        {
            var layout = Path.Combine(bundle, "oci");
            Directory.CreateDirectory(layout);
            await TarFile.ExtractToDirectoryAsync(Archive, layout, overwriteFiles: true);
            var tag = JsonDocument.Parse(File.ReadAllText(Path.Combine(layout, "index.json"))).RootElement.GetProperty("manifests")[0]
                .GetProperty("annotations").GetProperty("org.opencontainers.image.ref.name").GetString();
            var unpack = await Tools.RunAsync("umoci", bundle, "unpack", "--rootless", "--image", $"oci:{tag}", "bundle");
            Assert.True(unpack.ExitCode == 0, unpack.Output);

            var rootfs = Path.Combine(bundle, "bundle", "rootfs");
            var settings = config.GetProperty("config");
            var port = LoopbackPort.Free();
            var environment = settings.GetProperty("Env").EnumerateArray().Select(e => e.GetString()!)
                .Where(e => !e.StartsWith("Urls=", StringComparison.Ordinal))
                .Append($"Urls=http://127.0.0.1:{port}");
            var entrypoint = settings.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()!);
            // Root of a new user namespace (mapped to this user), new mount and PID namespaces: the image's root is bound read-only,
            // /data and /tmp are fresh volumes, then the entrypoint runs chrooted in the image's working directory.
            var script = string.Join(" && ",
                $"mount --bind {rootfs} {rootfs}", $"mount -o remount,bind,ro {rootfs}", $"mount --rbind /dev {rootfs}/dev",
                $"mount -t proc proc {rootfs}/proc", $"mount -t tmpfs tmpfs {rootfs}/tmp", $"mount -t tmpfs tmpfs {rootfs}/data",
                $"exec env -i {string.Join(' ', environment.Select(Quote))} unshare --root={rootfs} --wd={settings.GetProperty("WorkingDir").GetString()} {string.Join(' ', entrypoint.Select(Quote))}");
            var start = new System.Diagnostics.ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-Urpfm", "--mount-proc", "sh", "-c", script })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = System.Diagnostics.Process.Start(start)!;
            var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
                var deadline = DateTime.UtcNow.AddSeconds(120);
                HttpStatusCode? status = null;
                while (status != HttpStatusCode.OK)
                {
                    Assert.False(process.HasExited, $"the container's process exited: {string.Join(Environment.NewLine, output)}");
                    Assert.True(DateTime.UtcNow < deadline, $"not ready in time: {string.Join(Environment.NewLine, output)}");
                    try
                    {
                        using var response = await client.GetAsync("health/ready");
                        status = response.StatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(500);
                    }
                }

                // It logs JSON lines (what a log shipper reads from the container's stdout).
                Assert.Contains(output, l => l.StartsWith('{') && l.Contains("\"level\":\"Information\"", StringComparison.Ordinal));
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(bundle, recursive: true);
        }
    }

    private static (JsonElement Config, List<byte[]> Layers) ReadImage()
    {
        Assert.True(File.Exists(Archive), $"No image at {Archive}: eng/test.sh builds it with 'bash eng/container-image.sh' before the tests.");
        var blobs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        JsonElement index = default;
        using (var reader = new TarReader(File.OpenRead(Archive)))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.DataStream is null)
                {
                    continue;
                }

                using var buffer = new MemoryStream();
                entry.DataStream.CopyTo(buffer);
                if (entry.Name == "index.json")
                {
                    index = JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
                }
                else if (entry.Name.StartsWith("blobs/sha256/", StringComparison.Ordinal))
                {
                    blobs["sha256:" + entry.Name["blobs/sha256/".Length..]] = buffer.ToArray();
                }
            }
        }

        var manifest = JsonDocument.Parse(blobs[index.GetProperty("manifests")[0].GetProperty("digest").GetString()!]).RootElement;
        var config = JsonDocument.Parse(blobs[manifest.GetProperty("config").GetProperty("digest").GetString()!]).RootElement.Clone();
        var layers = manifest.GetProperty("layers").EnumerateArray().Select(l => blobs[l.GetProperty("digest").GetString()!]).ToList();
        return (config, layers);
    }

    private static IEnumerable<(string Name, byte[] Content)> Entries(byte[] gzippedLayer)
    {
        using var reader = new TarReader(new GZipStream(new MemoryStream(gzippedLayer), CompressionMode.Decompress));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is null)
            {
                yield return (entry.Name, []);
                continue;
            }

            using var buffer = new MemoryStream();
            entry.DataStream.CopyTo(buffer);
            yield return (entry.Name, buffer.ToArray());
        }
    }

    private static IEnumerable<(string Key, string Value)> Flatten(JsonElement element, string prefix) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Flatten(p.Value, prefix.Length == 0 ? p.Name : $"{prefix}:{p.Name}")),
        JsonValueKind.Array => element.EnumerateArray().SelectMany((e, i) => Flatten(e, $"{prefix}:{i}")),
        _ => [(prefix, element.ToString())],
    };

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex("(password|secret|token|apikey|api_key|privatekey|credential)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(\.pfx|\.p12|\.pem|\.key|id_rsa|id_ed25519|\.env)$", RegexOptions.IgnoreCase)]
    private static partial Regex KeyFile();
}
