using System.Reflection;
using System.Runtime.InteropServices;
using Cloud.Unum.USearch;

namespace AiPlatform.Sdk.Benchmarks.Ann;

/// <summary>
/// USearch through its NuGet binding. The binding has no setter for the search expansion or the thread counts, so those go
/// through the native C API on the binding's own handle.
/// </summary>
internal sealed class UsearchEngine : IDisposable
{
    private readonly USearchIndex _index;
    private readonly IntPtr _handle;

    public UsearchEngine(MetricKind metric, ScalarKind scalar, int dimension, int m, int efConstruction, int capacity)
    {
        _index = new USearchIndex(metric, scalar, (ulong)dimension, (ulong)m, (ulong)efConstruction, 64);
        _handle = (IntPtr)typeof(USearchIndex).GetField("_index", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(_index)!;
        usearch_reserve(_handle, (nuint)capacity, out var error);
        Check(error);
        usearch_change_threads_add(_handle, 1, out error);
        Check(error);
        usearch_change_threads_search(_handle, 1, out error);
        Check(error);
    }

    public void Add(ulong key, float[] vector) => _index.Add(key, vector);

    public int Search(float[] query, int k, out ulong[] keys)
    {
        var found = _index.Search(query, k, out keys, out _);
        return found;
    }

    public void SetEf(int ef)
    {
        usearch_change_expansion_search(_handle, (nuint)ef, out var error);
        Check(error);
    }

    public long MemoryBytes()
    {
        var bytes = usearch_memory_usage(_handle, out var error);
        Check(error);
        return (long)bytes;
    }

    public void Dispose() => _index.Dispose();

    private static void Check(IntPtr error)
    {
        if (error != IntPtr.Zero)
        {
            throw new InvalidOperationException($"USearch: {Marshal.PtrToStringAnsi(error)}");
        }
    }

    [DllImport("libusearch_c")]
    private static extern void usearch_reserve(IntPtr index, nuint capacity, out IntPtr error);

    [DllImport("libusearch_c")]
    private static extern void usearch_change_expansion_search(IntPtr index, nuint expansion, out IntPtr error);

    [DllImport("libusearch_c")]
    private static extern void usearch_change_threads_add(IntPtr index, nuint threads, out IntPtr error);

    [DllImport("libusearch_c")]
    private static extern void usearch_change_threads_search(IntPtr index, nuint threads, out IntPtr error);

    [DllImport("libusearch_c")]
    private static extern nuint usearch_memory_usage(IntPtr index, out IntPtr error);
}
