using AiPlatform.Sdk.Testing;

namespace AiPlatform.ReferenceHost.Tests.Data;

public sealed class StaleTempFileTests
{
    [Fact]
    public async Task A_temp_file_left_by_a_killed_upload_is_deleted_at_the_next_start_and_a_fresh_one_is_kept()
    {
        await using var host = await ReferenceHostProcess.StartAsync(new Dictionary<string, string?> { ["AiPlatform:Server:Authentication:AllowAnonymous"] = "true" });
        var temp = Directory.CreateDirectory(Path.Combine(host.DataPath, "objects", "tmp")).FullName;
        var stale = Path.Combine(temp, "0123456789abcdef.tmp");
        var fresh = Path.Combine(temp, "fedcba9876543210.tmp");
        await File.WriteAllBytesAsync(stale, new byte[4096]);
        await File.WriteAllBytesAsync(fresh, new byte[4096]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-1));

        await host.RestartAsync();

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
    }
}
