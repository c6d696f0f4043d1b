using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Microsoft.ML.OnnxRuntime;

namespace AiPlatform.Sdk.Serving.Onnx;

/// <summary>
/// The named inputs of one run. Arrays, <see cref="Memory{T}"/> and dense tensors are pinned and handed to ONNX Runtime without a copy;
/// <see cref="OrtValue"/>s added here stay owned by the caller; values this object creates are disposed (and unpinned) with it.
/// </summary>
public sealed class OnnxInputs : IDisposable
{
    private readonly List<string> _names = [];
    private readonly List<OrtValue> _values = [];
    private readonly List<OrtValue> _owned = [];
    private readonly List<MemoryHandle> _pins = [];

    /// <summary>The input names, in the order they were added.</summary>
    public IReadOnlyList<string> Names => _names;

    internal IReadOnlyList<OrtValue> Values => _values;

    /// <summary>Adds an input that the caller owns and disposes.</summary>
    /// <param name="name">The model's input name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This object, to chain.</returns>
    /// <exception cref="ArgumentException">The name was added already.</exception>
    public OnnxInputs Add(string name, OrtValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (_names.Contains(name))
        {
            throw new ArgumentException($"The input '{name}' was added already.", nameof(name));
        }

        _names.Add(name);
        _values.Add(value);
        return this;
    }

    /// <summary>
    /// Adds a tensor: a dense one is pinned and passed without a copy until this object is disposed (do not change it meanwhile);
    /// a strided or broadcast one is copied once into memory ONNX Runtime allocates.
    /// </summary>
    /// <typeparam name="T">A numeric element type ONNX supports.</typeparam>
    /// <param name="name">The model's input name.</param>
    /// <param name="tensor">The tensor.</param>
    /// <returns>This object, to chain.</returns>
    /// <exception cref="ArgumentException">The name was added already.</exception>
    public OnnxInputs Add<T>(string name, Tensor<T> tensor)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var shape = new long[tensor.Rank];
        for (var i = 0; i < shape.Length; i++)
        {
            shape[i] = tensor.Lengths[i];
        }

        if (!tensor.IsDense)
        {
            var copy = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, OnnxElementTypes.Of<T>(), shape);
            tensor.FlattenTo(copy.GetTensorMutableDataAsSpan<T>());
            return AddOwned(name, copy);
        }

        var pin = tensor.GetPinnedHandle();
        try
        {
            var value = OrtValue.CreateTensorValueWithData(
                OrtMemoryInfo.DefaultInstance, OnnxElementTypes.Of<T>(), shape, Address(pin), checked((long)tensor.FlattenedLength * Unsafe.SizeOf<T>()));
            AddOwned(name, value);
        }
        catch
        {
            pin.Dispose();
            throw;
        }

        _pins.Add(pin);
        return this;
    }

    /// <summary>Adds a tensor over <paramref name="data"/> with <paramref name="shape"/>; the array is pinned, not copied.</summary>
    /// <typeparam name="T">A numeric element type ONNX supports.</typeparam>
    /// <param name="name">The model's input name.</param>
    /// <param name="data">The elements, row-major.</param>
    /// <param name="shape">The dimensions; their product must equal the element count.</param>
    /// <returns>This object, to chain.</returns>
    /// <exception cref="ArgumentException">The name was added already, or the shape does not match the data.</exception>
    public OnnxInputs Add<T>(string name, T[] data, params long[] shape)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return Add(name, data.AsMemory(), shape);
    }

    /// <summary>Adds a tensor over <paramref name="data"/> with <paramref name="shape"/>; the memory is pinned, not copied, until this object is disposed.</summary>
    /// <typeparam name="T">A numeric element type ONNX supports.</typeparam>
    /// <param name="name">The model's input name.</param>
    /// <param name="data">The elements, row-major.</param>
    /// <param name="shape">The dimensions; their product must equal the element count.</param>
    /// <returns>This object, to chain.</returns>
    /// <exception cref="ArgumentException">The name was added already, or the shape does not match the data.</exception>
    public OnnxInputs Add<T>(string name, Memory<T> data, params long[] shape)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (var d in shape)
        {
            count *= d;
        }

        if (count != data.Length)
        {
            throw new ArgumentException($"The shape [{string.Join(", ", shape)}] holds {count} elements but the data has {data.Length}.", nameof(shape));
        }

        return AddOwned(name, OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, data, shape));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var value in _owned)
        {
            value.Dispose();
        }

        _owned.Clear();
        foreach (var pin in _pins)
        {
            pin.Dispose();
        }

        _pins.Clear();
    }

    private static unsafe IntPtr Address(MemoryHandle pin) => (IntPtr)pin.Pointer;

    private OnnxInputs AddOwned(string name, OrtValue value)
    {
        try
        {
            Add(name, value);
        }
        catch
        {
            value.Dispose();
            throw;
        }

        _owned.Add(value);
        return this;
    }
}
