using k8s;
using k8s.Models;
using YamlDotNet.Serialization;

namespace AiPlatform.Sdk.Ops.Tests.Deploy;

// The two Prometheus Operator kinds deploy/kubernetes uses (monitoring.coreos.com/v1), with the fields of their CRDs that the
// manifests set, so that strict parsing rejects anything else as it does for the built-in kinds.

public sealed class ServiceMonitor : IKubernetesObject<V1ObjectMeta>
{
    [YamlMember(Alias = "apiVersion")] public string ApiVersion { get; set; } = null!;
    [YamlMember(Alias = "kind")] public string Kind { get; set; } = null!;
    [YamlMember(Alias = "metadata")] public V1ObjectMeta Metadata { get; set; } = null!;
    [YamlMember(Alias = "spec")] public ServiceMonitorSpec Spec { get; set; } = null!;
}

public sealed class ServiceMonitorSpec
{
    [YamlMember(Alias = "selector")] public V1LabelSelector Selector { get; set; } = null!;
    [YamlMember(Alias = "endpoints")] public List<ServiceMonitorEndpoint> Endpoints { get; set; } = [];
}

public sealed class ServiceMonitorEndpoint
{
    [YamlMember(Alias = "port")] public string? Port { get; set; }
    [YamlMember(Alias = "path")] public string? Path { get; set; }
    [YamlMember(Alias = "interval")] public string? Interval { get; set; }
    [YamlMember(Alias = "scrapeTimeout")] public string? ScrapeTimeout { get; set; }
}

public sealed class PrometheusRule : IKubernetesObject<V1ObjectMeta>
{
    [YamlMember(Alias = "apiVersion")] public string ApiVersion { get; set; } = null!;
    [YamlMember(Alias = "kind")] public string Kind { get; set; } = null!;
    [YamlMember(Alias = "metadata")] public V1ObjectMeta Metadata { get; set; } = null!;
    [YamlMember(Alias = "spec")] public PrometheusRuleSpec Spec { get; set; } = null!;
}

public sealed class PrometheusRuleSpec
{
    [YamlMember(Alias = "groups")] public List<PrometheusRuleGroup> Groups { get; set; } = [];
}

public sealed class PrometheusRuleGroup
{
    [YamlMember(Alias = "name")] public string Name { get; set; } = null!;
    [YamlMember(Alias = "rules")] public List<PrometheusRuleItem> Rules { get; set; } = [];
}

public sealed class PrometheusRuleItem
{
    [YamlMember(Alias = "alert")] public string? Alert { get; set; }
    [YamlMember(Alias = "expr")] public string Expr { get; set; } = null!;
    [YamlMember(Alias = "for")] public string? For { get; set; }
    [YamlMember(Alias = "labels")] public Dictionary<string, string> Labels { get; set; } = [];
    [YamlMember(Alias = "annotations")] public Dictionary<string, string> Annotations { get; set; } = [];
}
