using System.Security.Cryptography;
using System.Text;
using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Testing;
using AiPlatform.Sdk.Training.Datasets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Training.Tests.Datasets;

/// <summary>
/// DVC datasets against the live S3 server the tests run (OpenStack Swift's S3 API): fixtures written by hand from DVC's documented
/// formats (dvc.org "`.dvc` files", "`dvc.lock` file", "Remote storage": DVC 3's <c>files/md5/</c> cache layout and DVC 2's
/// <c>md5-dos2unix</c> layout, <c>.dir</c> manifests), md5s computed here with <see cref="MD5"/>, independent of the SDK.
/// </summary>
[Trait("Kind", "Live")]
public sealed class DvcDatasetsTests : IAsyncLifetime
{
    private readonly string _bucket = $"dvc-{Guid.NewGuid():N}"[..20];
    private ServiceProvider _services = null!;

    private IObjectStore Store => _services.GetRequiredService<IObjectStore>();

    private IDvcDatasets Dvc => _services.GetRequiredService<IDvcDatasets>();

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:DataPath"] = Directory.CreateTempSubdirectory("aip-dvc-data-").FullName,
            ["AiPlatform:Data:ObjectStore:Endpoint"] = ServiceEndpoints.S3Endpoint,
            ["AiPlatform:Data:ObjectStore:AccessKey"] = ServiceEndpoints.S3AccessKey,
            ["AiPlatform:Data:ObjectStore:SecretKey"] = ServiceEndpoints.S3SecretKey,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(configuration).AddDvcDatasets();
        _services = services.BuildServiceProvider();
        await Store.CreateBucketAsync(_bucket);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task A_DVC_3_file_output_resolves_from_its_dvc_file_and_pulls_verified()
    {
        var content = "id,label\n1,cat\n2,dog\n"u8.ToArray();
        var md5 = Md5(content);
        await Store.PutAsync(_bucket, $"store/files/md5/{md5[..2]}/{md5[2..]}", new MemoryStream(content));
        var repo = Repository(("data/labels.csv.dvc", $"outs:\n- md5: {md5}\n  size: {content.Length}\n  hash: md5\n  path: labels.csv\n"));

        var dataset = await Dvc.ResolveAsync(repo, "data/labels.csv");
        var target = Path.Combine(Scratch(), "labels.csv");
        await Dvc.PullAsync(dataset, target);

        Assert.Equal(new DvcDataset("data/labels.csv", md5, content.Length, null, DvcLayout.Dvc3, dataset.Remote), dataset);
        Assert.Equal(("storage", _bucket, "store", "http://127.0.0.1:9000"), (dataset.Remote.Name, dataset.Remote.Bucket, dataset.Remote.Prefix, dataset.Remote.EndpointUrl));
        Assert.Equal(content, await File.ReadAllBytesAsync(target));
        Assert.Equal(md5, dataset.ToRunTags()["dvc.md5"]);
    }

    [Fact]
    public async Task A_DVC_2_text_file_is_found_by_its_dos2unix_md5_and_pulled_with_its_own_bytes()
    {
        var content = "first line\r\nsecond line\r\n"u8.ToArray();
        var md5 = Md5(Encoding.ASCII.GetBytes("first line\nsecond line\n"));
        Assert.NotEqual(Md5(content), md5);
        await Store.PutAsync(_bucket, $"store/{md5[..2]}/{md5[2..]}", new MemoryStream(content));
        var repo = Repository(("notes.txt.dvc", $"outs:\n- md5: {md5}\n  path: notes.txt\n"));

        var dataset = await Dvc.ResolveAsync(repo, "notes.txt");
        var target = Path.Combine(Scratch(), "notes.txt");
        await Dvc.PullAsync(dataset, target);

        Assert.Equal(DvcLayout.Legacy, dataset.Layout);
        Assert.Equal(content, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task A_directory_output_of_dvc_lock_pulls_every_file_of_its_manifest()
    {
        var a = "alpha\n"u8.ToArray();
        var b = new byte[] { 0, 1, 2, 3, 255 };
        var (ma, mb) = (Md5(a), Md5(b));
        var manifest = Encoding.ASCII.GetBytes($"[{{\"md5\": \"{ma}\", \"relpath\": \"a.txt\"}}, {{\"md5\": \"{mb}\", \"relpath\": \"sub/b.bin\"}}]");
        var dir = Md5(manifest) + ".dir";
        await Store.PutAsync(_bucket, $"store/files/md5/{dir[..2]}/{dir[2..]}", new MemoryStream(manifest));
        await Store.PutAsync(_bucket, $"store/files/md5/{ma[..2]}/{ma[2..]}", new MemoryStream(a));
        await Store.PutAsync(_bucket, $"store/files/md5/{mb[..2]}/{mb[2..]}", new MemoryStream(b));
        var repo = Repository(("dvc.lock", $"""
            schema: '2.0'
            stages:
              prepare:
                cmd: python prepare.py
                deps:
                - path: prepare.py
                  hash: md5
                  md5: 0123456789abcdef0123456789abcdef
                outs:
                - path: data/prepared
                  hash: md5
                  md5: {dir}
                  size: {a.Length + b.Length}
                  nfiles: 2
            """));

        var dataset = await Dvc.ResolveAsync(repo, "data/prepared");
        var target = Scratch();
        long reported = 0;
        await Dvc.PullAsync(dataset, target, new SynchronousProgress<long>(bytes => reported = bytes));

        Assert.True(dataset.IsDirectory);
        Assert.Equal(2, dataset.FileCount);
        Assert.Equal(a, await File.ReadAllBytesAsync(Path.Combine(target, "a.txt")));
        Assert.Equal(b, await File.ReadAllBytesAsync(Path.Combine(target, "sub", "b.bin")));
        Assert.Equal(a.Length + b.Length, reported);
    }

    [Fact]
    public async Task A_corrupted_object_fails_the_md5_check_naming_the_path_and_leaves_nothing()
    {
        var md5 = Md5("the real content\n"u8.ToArray());
        await Store.PutAsync(_bucket, $"store/files/md5/{md5[..2]}/{md5[2..]}", new MemoryStream("tampered content\n"u8.ToArray()));
        var repo = Repository(("model/weights.bin.dvc", $"outs:\n- md5: {md5}\n  hash: md5\n  path: weights.bin\n"));
        var dataset = await Dvc.ResolveAsync(repo, "model/weights.bin");
        var target = Path.Combine(Scratch(), "weights.bin");

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => Dvc.PullAsync(dataset, target));

        Assert.Equal("ChecksumMismatch", error.ErrorCode);
        Assert.Contains("model/weights.bin", error.Message);
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(target + ".partial"));
    }

    [Fact]
    public async Task An_interrupted_pull_resumes_where_it_stopped()
    {
        var content = RandomNumberGenerator.GetBytes(300_000);
        var md5 = Md5(content);
        await Store.PutAsync(_bucket, $"store/files/md5/{md5[..2]}/{md5[2..]}", new MemoryStream(content));
        var repo = Repository(("blob.bin.dvc", $"outs:\n- md5: {md5}\n  hash: md5\n  path: blob.bin\n"));
        var dataset = await Dvc.ResolveAsync(repo, "blob.bin");
        var target = Path.Combine(Scratch(), "blob.bin");
        await File.WriteAllBytesAsync(target + ".partial", content[..120_000]);

        long downloaded = 0;
        await Dvc.PullAsync(dataset, target, new SynchronousProgress<long>(bytes => downloaded = bytes));

        Assert.Equal(content, await File.ReadAllBytesAsync(target));
        Assert.Equal(180_000, downloaded);
    }

    [Fact]
    public async Task A_pushed_folder_lands_in_DVC_3s_layout_with_a_dvc_file_and_resolves_back()
    {
        var repo = Repository();
        var folder = Path.Combine(repo, "features");
        Directory.CreateDirectory(Path.Combine(folder, "train"));
        var train = "x,y\n0.1,1\n"u8.ToArray();
        var schema = "{\"columns\": [\"x\", \"y\"]}"u8.ToArray();
        await File.WriteAllBytesAsync(Path.Combine(folder, "train", "part-0.csv"), train);
        await File.WriteAllBytesAsync(Path.Combine(folder, "schema.json"), schema);
        var remote = DvcRemote.FromUrl("storage", $"s3://{_bucket}/store", "http://127.0.0.1:9000");

        var pushed = await Dvc.PushAsync(folder, remote);
        long again = -1;
        await Dvc.PushAsync(folder, remote, new SynchronousProgress<long>(bytes => again = bytes));
        var resolved = await Dvc.ResolveAsync(repo, "features");
        var copy = Scratch();
        await Dvc.PullAsync(resolved, copy);

        var manifest = $"[{{\"md5\": \"{Md5(schema)}\", \"relpath\": \"schema.json\"}}, {{\"md5\": \"{Md5(train)}\", \"relpath\": \"train/part-0.csv\"}}]";
        Assert.Equal(Md5(Encoding.ASCII.GetBytes(manifest)) + ".dir", pushed.Md5);
        Assert.Equal($"outs:\n- md5: {pushed.Md5}\n  size: {train.Length + schema.Length}\n  nfiles: 2\n  hash: md5\n  path: features\n", await File.ReadAllTextAsync(folder + ".dvc"));
        Assert.Equal(train.Length, (await Store.StatAsync(_bucket, $"store/files/md5/{Md5(train)[..2]}/{Md5(train)[2..]}")).Size);
        Assert.Equal(-1, again);
        Assert.Equal(pushed with { Path = "features" }, resolved);
        Assert.Equal(train, await File.ReadAllBytesAsync(Path.Combine(copy, "train", "part-0.csv")));
        Assert.Equal(schema, await File.ReadAllBytesAsync(Path.Combine(copy, "schema.json")));
    }

    [Fact]
    public async Task Missing_and_malformed_DVC_files_get_typed_errors_that_name_them()
    {
        var repo = Repository(("broken.csv.dvc", "outs:\n- md5: [unclosed\n"), ("nomd5.csv.dvc", "outs:\n- path: nomd5.csv\n"));

        Assert.Contains("absent.csv", (await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => Dvc.ResolveAsync(repo, "absent.csv"))).Message);
        Assert.Contains("broken.csv.dvc", (await Assert.ThrowsAsync<AiPlatformValidationException>(() => Dvc.ResolveAsync(repo, "broken.csv"))).Message);
        Assert.Contains("no md5", (await Assert.ThrowsAsync<AiPlatformValidationException>(() => Dvc.ResolveAsync(repo, "nomd5.csv"))).Message);
        Assert.Contains("'backup'", (await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => Dvc.ResolveAsync(repo, "absent.csv", remote: "backup"))).Message);
    }

    /// <summary>A repository checkout with a .dvc/config whose default remote is this test's bucket, and the given files.</summary>
    private string Repository(params (string Path, string Text)[] files)
    {
        var repo = Scratch();
        Directory.CreateDirectory(Path.Combine(repo, ".dvc"));
        File.WriteAllText(Path.Combine(repo, ".dvc", "config"), $"[core]\n    remote = storage\n['remote \"storage\"']\n    url = s3://{_bucket}/store\n    endpointurl = http://127.0.0.1:9000\n");
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(repo, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return repo;
    }

    private static string Scratch() => Directory.CreateTempSubdirectory("aip-dvc-").FullName;

#pragma warning disable CA5351 // DVC's content address
    private static string Md5(byte[] content) => Convert.ToHexStringLower(MD5.HashData(content));
#pragma warning restore CA5351
}
