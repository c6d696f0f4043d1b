using Onnx;

namespace AiPlatform.Sdk.Serving.Onnx.Quantization;

/// <summary>Hands out value and node names that no other value or node of a graph uses.</summary>
internal sealed class GraphNames
{
    private readonly HashSet<string> _taken;

    public GraphNames(GraphProto graph) =>
        _taken = graph.Node.SelectMany(n => n.Output.Append(n.Name))
            .Concat(graph.Initializer.Select(t => t.Name))
            .Concat(graph.Input.Select(i => i.Name))
            .Concat(graph.Output.Select(o => o.Name))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Returns <paramref name="wanted"/>, or it with the first free numeric suffix, and marks it taken.</summary>
    public string Take(string wanted)
    {
        var name = wanted;
        for (var i = 1; !_taken.Add(name); i++)
        {
            name = $"{wanted}_{i}";
        }

        return name;
    }
}
