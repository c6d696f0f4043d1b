using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using AiPlatform.Sdk.Vector.Indexing;
using AiPlatform.Sdk.Vector.Persistence;
using AiPlatform.Sdk.Vector.Tests.Kernels;
using AiPlatform.Sdk.Vector.Tests.Persistence;

// insert <folder>: upserts ids 0, 1, 2, ... into a persistent index and prints each id once the write is acknowledged.
// kernels: runs every kernel conformance check and prints the failures; exit code 0 when there are none.
return args.FirstOrDefault() switch
{
    "insert" => await InsertUntilKilledAsync(args[1]),
    "kernels" => CheckKernels(),
    _ => 2,
};

static async Task<int> InsertUntilKilledAsync(string folder)
{
    var definition = new VectorIndexDefinition { Dimension = ProbeVectors.Dimension, Metric = DistanceMetric.Euclidean };
    await using var index = await PersistentVectorIndex.OpenAsync(folder, definition, new PersistentIndexOptions { CheckpointBytes = 16_384 });
    for (long id = 0; ; id++)
    {
        await index.UpsertAsync(id, ProbeVectors.For(id));
        Console.Out.WriteLine(id);
        Console.Out.Flush();
    }
}

static int CheckKernels()
{
    Console.Out.WriteLine($"avx512={Vector512.IsHardwareAccelerated} avx512f={Avx512F.IsSupported} avx2={Vector256.IsHardwareAccelerated}");
    var failures = KernelConformance.RunAll().ToList();
    failures.ForEach(Console.Out.WriteLine);
    Console.Out.WriteLine($"checks={KernelConformance.CheckCount} failures={failures.Count}");
    return failures.Count == 0 ? 0 : 1;
}
