using System.Reflection;
using k8s;
using k8s.Models;

namespace AiPlatform.Sdk.Ops.Tests.Deploy;

/// <summary>An overlay of deploy/kubernetes rendered by <c>kubectl kustomize</c> (offline) and parsed strictly by KubernetesClient.</summary>
public sealed class RenderedManifests
{
    private static readonly Dictionary<string, Type> Kinds = BuildTypeMap();

    private RenderedManifests(string yaml, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects)
    {
        Yaml = yaml;
        Objects = objects;
    }

    public string Yaml { get; }

    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects { get; }

    public T Single<T>() => Objects.OfType<T>().Single();

    public static async Task<RenderedManifests> RenderAsync(string overlay)
    {
        var (exitCode, output) = await Tools.RunAsync(Tools.Kubectl, Tools.RepositoryRoot, "kustomize", Path.Combine("deploy", "kubernetes", "overlays", overlay));
        Assert.True(exitCode == 0, $"kubectl kustomize {overlay} failed: {output}");
        return new RenderedManifests(output, Parse(output));
    }

    /// <summary>Strict: a field the kind does not have (a typo such as <c>readinesProbe</c>) fails the parse.</summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Parse(string yaml) =>
        [.. KubernetesYaml.LoadAllFromString(yaml, Kinds, strict: true).Cast<IKubernetesObject<V1ObjectMeta>>()];

    private static Dictionary<string, Type> BuildTypeMap()
    {
        var map = new Dictionary<string, Type>(StringComparer.Ordinal)
        {
            ["monitoring.coreos.com/v1/ServiceMonitor"] = typeof(ServiceMonitor),
            ["monitoring.coreos.com/v1/PrometheusRule"] = typeof(PrometheusRule),
        };
        foreach (var type in typeof(V1Pod).Assembly.GetTypes())
        {
            if (type.GetCustomAttribute<KubernetesEntityAttribute>() is { Kind: { Length: > 0 } kind } entity)
            {
                map.TryAdd($"{(string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}")}/{kind}", type);
            }
        }

        return map;
    }
}
