using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace AiPlatform.Sdk.Serving.Onnx;

/// <summary>The named outputs of one run, in memory that ONNX Runtime allocated; views are valid until this object is disposed.</summary>
public sealed class OnnxOutputs : IDisposable
{
    private readonly string _modelName;
    private readonly IReadOnlyList<string> _names;
    private readonly IDisposableReadOnlyCollection<OrtValue> _values;

    internal OnnxOutputs(string modelName, IReadOnlyList<string> names, IDisposableReadOnlyCollection<OrtValue> values)
    {
        _modelName = modelName;
        _names = names;
        _values = values;
    }

    /// <summary>The output names, in the order they were requested.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The raw value of an output, owned by this object.</summary>
    /// <param name="name">The output's name.</param>
    /// <exception cref="OnnxModelException">The run produced no output of that name.</exception>
    public OrtValue this[string name] => _values.ElementAt(IndexOf(name));

    /// <summary>The dimensions of a tensor output.</summary>
    /// <param name="name">The output's name.</param>
    /// <returns>The shape.</returns>
    public long[] GetShape(string name) => this[name].GetTensorTypeAndShape().Shape;

    /// <summary>A read-only view of a tensor output, without a copy.</summary>
    /// <typeparam name="T">The element type the model declares.</typeparam>
    /// <param name="name">The output's name.</param>
    /// <returns>The view, valid until this object is disposed.</returns>
    public ReadOnlyTensorSpan<T> GetTensorSpan<T>(string name)
        where T : unmanaged
    {
        var value = this[name];
        return new ReadOnlyTensorSpan<T>(value.GetTensorDataAsSpan<T>(), Lengths(value), []);
    }

    /// <summary>A copy of a tensor output that outlives this object.</summary>
    /// <typeparam name="T">The element type the model declares.</typeparam>
    /// <param name="name">The output's name.</param>
    /// <returns>The tensor.</returns>
    public Tensor<T> ToTensor<T>(string name)
        where T : unmanaged
    {
        var value = this[name];
        return Tensor.Create(value.GetTensorDataAsSpan<T>().ToArray(), Lengths(value));
    }

    /// <inheritdoc/>
    public void Dispose() => _values.Dispose();

    private static nint[] Lengths(OrtValue value)
    {
        var shape = value.GetTensorTypeAndShape().Shape;
        var lengths = new nint[shape.Length];
        for (var i = 0; i < shape.Length; i++)
        {
            lengths[i] = (nint)shape[i];
        }

        return lengths;
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _names.Count; i++)
        {
            if (string.Equals(_names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new OnnxModelException(_modelName, "Run", OnnxModelException.UnknownName, $"Model '{_modelName}' produced no output '{name}' in this run.", name);
    }
}
