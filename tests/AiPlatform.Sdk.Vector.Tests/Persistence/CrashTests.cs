using System.Diagnostics;
using AiPlatform.Sdk.Vector.Persistence;

namespace AiPlatform.Sdk.Vector.Tests.Persistence;

public sealed class CrashTests : IDisposable
{
    private readonly string _folder = Path.Combine(Directory.CreateTempSubdirectory("aip-vector-").FullName, "idx");

    [Fact]
    public async Task Every_acknowledged_insert_survives_a_SIGKILL_mid_write()
    {
        var acknowledged = -1L;
        using (var process = Process.Start(ProbeProcess.StartInfo("insert", _folder))!)
        {
            while (acknowledged < 300 && await process.StandardOutput.ReadLineAsync() is { } line)
            {
                acknowledged = long.Parse(line, System.Globalization.CultureInfo.InvariantCulture);
            }

            process.Kill();
            await process.WaitForExitAsync();
        }

        await using var reopened = await PersistentVectorIndex.OpenAsync(_folder);

        Assert.True(acknowledged >= 300, $"the probe acknowledged only {acknowledged + 1} inserts");
        Assert.True(reopened.Index.Count >= acknowledged + 1);
        for (long id = 0; id <= acknowledged; id++)
        {
            Assert.Equal(ProbeVectors.For(id), reopened.Index.GetVector(id));
        }

        Assert.Equal(acknowledged / 2, reopened.Search(ProbeVectors.For(acknowledged / 2), 1)[0].Id);
        using var checkpoint = VectorIndexFile.Load(Path.Combine(_folder, PersistentVectorIndex.IndexFileName));
        Assert.True(checkpoint.Count <= reopened.Index.Count);
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);
}
