using System.Reflection;
using OpenTelemetry.Resources;

namespace AiPlatform.Sdk.Ops.Resources;

/// <summary>
/// The resource every signal carries: service name, version and instance, and the Kubernetes pod, namespace and node when the
/// Deployment passes them through the downward API (<c>POD_NAME</c>, <c>POD_NAMESPACE</c>, <c>NODE_NAME</c>, as deploy/ does).
/// </summary>
internal static class OpsResource
{
    public static void Configure(ResourceBuilder resource, OpsSettings settings, Func<string, string?> environment)
    {
        var entry = Assembly.GetEntryAssembly()?.GetName();
        var serviceName = settings.ServiceName ?? environment("OTEL_SERVICE_NAME") ?? entry?.Name ?? "aiplatform-app";
        var version = settings.ServiceVersion
            ?? Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? entry?.Version?.ToString();
        var pod = environment("POD_NAME");
        resource.AddService(serviceName, serviceVersion: version, serviceInstanceId: pod ?? environment("HOSTNAME") ?? Environment.MachineName);

        var attributes = new Dictionary<string, object>();
        AddIfSet(attributes, "k8s.pod.name", pod);
        AddIfSet(attributes, "k8s.namespace.name", environment("POD_NAMESPACE"));
        AddIfSet(attributes, "k8s.node.name", environment("NODE_NAME"));
        resource.AddAttributes(attributes);
    }

    private static void AddIfSet(Dictionary<string, object> attributes, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            attributes[key] = value;
        }
    }
}
