using AiPlatform.Sdk.Identity.Permissions;

namespace AiPlatform.Sdk.Identity.Tests.Permissions;

public sealed class FileObjectPermissionStoreTests : ObjectPermissionStoreTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aip-permissions-").FullName;
    private readonly FileObjectPermissionStore _store;

    public FileObjectPermissionStoreTests() => _store = new FileObjectPermissionStore(Path.Combine(_folder, "permissions.json"));

    protected override IObjectPermissionStore Store => _store;

    [Fact]
    public async Task Grants_survive_a_restart()
    {
        await _store.GrantAsync(new ObjectPermission("client:etl", "write", "collection:products"));

        using var reopened = new FileObjectPermissionStore(_store.FilePath);

        Assert.True(await reopened.HasPermissionAsync(["client:etl"], "write", "collection:products"));
    }

    [Fact]
    public async Task A_corrupt_file_is_reported_clearly()
    {
        await File.WriteAllTextAsync(_store.FilePath, "[{ not json");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => _store.HasPermissionAsync(["user:x"], "read", "dataset:1"));

        Assert.Contains(_store.FilePath, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
