using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace AiPlatform.Sdk.Ops.Tests.Deploy;

/// <summary>
/// deploy/kubernetes rendered offline with <c>kubectl kustomize</c>, every object parsed strictly with KubernetesClient, and the
/// policies a production cluster enforces checked on the result.
/// </summary>
public sealed class KubernetesManifestTests
{
    public static TheoryData<string> Overlays => new() { "embedded", "distributed" };

    private static readonly string[] RecommendedLabels =
        ["app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component", "app.kubernetes.io/part-of", "app.kubernetes.io/managed-by"];

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_object_parses_strictly_and_carries_the_recommended_labels(string overlay)
    {
        var manifests = await RenderedManifests.RenderAsync(overlay);
        var kinds = manifests.Objects.Select(o => o.Kind).Order(StringComparer.Ordinal).ToList();
        string[] expected = overlay == "embedded"
            ? ["ConfigMap", "Deployment", "Ingress", "NetworkPolicy", "PersistentVolumeClaim", "PodDisruptionBudget", "PrometheusRule", "Service", "ServiceAccount", "ServiceMonitor"]
            : ["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Ingress", "NetworkPolicy", "PodDisruptionBudget", "PrometheusRule", "Service", "ServiceAccount", "ServiceMonitor"];
        Assert.Equal(expected, kinds);
        Assert.All(manifests.Objects, o => Assert.All(RecommendedLabels, label =>
            Assert.True(o.Metadata.Labels?.ContainsKey(label) == true, $"{o.Kind} {o.Metadata.Name} lacks the label {label}")));
        Assert.Equal($"aiplatform-{overlay}", manifests.Single<V1Deployment>().Spec.Template.Metadata.Labels["app.kubernetes.io/instance"]);
    }

    [Fact]
    public async Task A_misspelt_field_fails_the_strict_parse()
    {
        var manifests = await RenderedManifests.RenderAsync("embedded");
        Assert.Contains("readinessProbe:", manifests.Yaml, StringComparison.Ordinal);
        var typo = manifests.Yaml.Replace("readinessProbe:", "readinesProbe:", StringComparison.Ordinal);
        Assert.ThrowsAny<Exception>(() => RenderedManifests.Parse(typo));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task The_pod_runs_unprivileged_with_probes_resources_and_a_pinned_private_image(string overlay)
    {
        var manifests = await RenderedManifests.RenderAsync(overlay);
        var pod = manifests.Single<V1Deployment>().Spec.Template.Spec;
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.True(pod.SecurityContext.RunAsUser > 0);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.Contains(pod.ImagePullSecrets, s => s.Name == "harbor-pull");
        var container = Assert.Single(pod.Containers);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(container.SecurityContext.Privileged ?? false);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);

        Assert.Equal("/health/ready", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/health/live", container.LivenessProbe.HttpGet.Path);
        Assert.NotNull(container.StartupProbe);
        foreach (var resource in new[] { "cpu", "memory" })
        {
            Assert.True(container.Resources.Requests.ContainsKey(resource), $"no {resource} request");
            Assert.True(container.Resources.Limits.ContainsKey(resource), $"no {resource} limit");
        }

        var (repository, tag) = (container.Image[..container.Image.LastIndexOf(':')], container.Image[(container.Image.LastIndexOf(':') + 1)..]);
        Assert.Contains(".", repository.Split('/')[0], StringComparison.Ordinal); // a registry host, not Docker Hub's default
        Assert.NotEqual("latest", tag);
        Assert.Matches(@"^\d+\.\d+\.\d+", tag);

        // Writable paths are volumes (the root filesystem is read-only): the data folder and /tmp.
        Assert.Contains(container.VolumeMounts, m => m.MountPath == "/data");
        Assert.Contains(container.VolumeMounts, m => m.MountPath == "/tmp");
        Assert.Contains(container.Env, e => e.Name == "POD_NAME" && e.ValueFrom.FieldRef.FieldPath == "metadata.name");
        Assert.Contains(container.Env, e => e.Name == "POD_NAMESPACE" && e.ValueFrom.FieldRef.FieldPath == "metadata.namespace");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Selectors_ports_and_references_point_at_objects_that_exist(string overlay)
    {
        var manifests = await RenderedManifests.RenderAsync(overlay);
        var deployment = manifests.Single<V1Deployment>();
        var podLabels = deployment.Spec.Template.Metadata.Labels;
        var container = deployment.Spec.Template.Spec.Containers.Single();
        var service = manifests.Single<V1Service>();
        var account = manifests.Single<V1ServiceAccount>();

        Assert.True(Matches(deployment.Spec.Selector.MatchLabels, podLabels));
        Assert.True(Matches(service.Spec.Selector, podLabels));
        Assert.All(service.Spec.Ports, p => Assert.Contains(container.Ports, c => c.Name == p.TargetPort.Value));
        Assert.Equal(account.Metadata.Name, deployment.Spec.Template.Spec.ServiceAccountName);
        Assert.False(account.AutomountServiceAccountToken);
        Assert.True(Matches(manifests.Single<V1PodDisruptionBudget>().Spec.Selector.MatchLabels, podLabels));
        Assert.True(Matches(manifests.Single<V1NetworkPolicy>().Spec.PodSelector.MatchLabels, podLabels));

        var ingress = manifests.Single<V1Ingress>();
        Assert.Equal("nginx", ingress.Spec.IngressClassName);
        Assert.NotEmpty(ingress.Spec.Tls);
        Assert.All(ingress.Spec.Rules.SelectMany(r => r.Http.Paths), p =>
        {
            Assert.Equal(service.Metadata.Name, p.Backend.Service.Name);
            Assert.Contains(service.Spec.Ports, sp => sp.Name == p.Backend.Service.Port.Name);
        });

        var monitor = manifests.Single<ServiceMonitor>();
        Assert.True(Matches(monitor.Spec.Selector.MatchLabels, service.Metadata.Labels));
        Assert.All(monitor.Spec.Endpoints, e => Assert.Contains(service.Spec.Ports, sp => sp.Name == e.Port));
        Assert.Contains(monitor.Spec.Endpoints, e => e.Path == "/metrics");

        var configMap = manifests.Single<V1ConfigMap>();
        Assert.Contains(deployment.Spec.Template.Spec.Containers.Single().EnvFrom, e => e.ConfigMapRef?.Name == configMap.Metadata.Name);
        Assert.DoesNotContain(configMap.Data.Keys, k => k.EndsWith("Password", StringComparison.OrdinalIgnoreCase)
            || k.EndsWith("Secret", StringComparison.OrdinalIgnoreCase) || k.EndsWith("SecretKey", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(configMap.Data.Values, v => v.Contains("password=", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Embedded_keeps_one_replica_on_a_claimed_volume_and_distributed_scales_over_external_systems()
    {
        var embedded = await RenderedManifests.RenderAsync("embedded");
        var single = embedded.Single<V1Deployment>();
        Assert.Equal(1, single.Spec.Replicas);
        Assert.Equal("Recreate", single.Spec.Strategy.Type);
        var claim = embedded.Single<V1PersistentVolumeClaim>();
        Assert.Equal(claim.Metadata.Name, single.Spec.Template.Spec.Volumes.Single(v => v.Name == "data").PersistentVolumeClaim.ClaimName);
        Assert.False(string.IsNullOrEmpty(claim.Spec.StorageClassName));
        Assert.Empty(embedded.Objects.OfType<V2HorizontalPodAutoscaler>());

        var distributed = await RenderedManifests.RenderAsync("distributed");
        var scaled = distributed.Single<V1Deployment>();
        Assert.True(scaled.Spec.Replicas >= 2);
        var autoscaler = distributed.Single<V2HorizontalPodAutoscaler>();
        Assert.Equal(scaled.Metadata.Name, autoscaler.Spec.ScaleTargetRef.Name);
        Assert.True(autoscaler.Spec.MinReplicas >= 2);
        Assert.Equal(2, distributed.Single<V1PodDisruptionBudget>().Spec.MinAvailable.Value is var v && int.TryParse(v, out var n) ? n : -1);
        Assert.Empty(distributed.Objects.OfType<V1PersistentVolumeClaim>());
        var settings = distributed.Single<V1ConfigMap>().Data;
        foreach (var part in new[] { "AiPlatform__Data__ObjectStore__Endpoint", "AiPlatform__Data__Events__ConnectionString", "AiPlatform__Vector__Weaviate__Endpoint", "AiPlatform__Server__Authentication__Authority" })
        {
            Assert.True(settings.ContainsKey(part), $"the distributed overlay does not switch {part}");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_configuration_key_is_a_documented_setting(string overlay)
    {
        var documented = await File.ReadAllTextAsync(Path.Combine(Tools.RepositoryRoot, "docs", "configuration.md"));
        var manifests = await RenderedManifests.RenderAsync(overlay);
        foreach (var key in manifests.Single<V1ConfigMap>().Data.Keys.Where(k => k.StartsWith("AiPlatform__", StringComparison.Ordinal)))
        {
            var parts = key.Split("__");
            var section = string.Join(':', parts[..^1]);
            Assert.True(documented.Contains($"`{section}", StringComparison.Ordinal) && documented.Contains($"`{parts[^1]}`", StringComparison.Ordinal),
                $"{key}: docs/configuration.md documents no key {parts[^1]} under {section}");
        }
    }

    [Fact]
    public async Task The_prometheus_rule_holds_the_same_alerts_as_the_rule_file()
    {
        var manifests = await RenderedManifests.RenderAsync("embedded");
        var rule = manifests.Single<PrometheusRule>();
        var file = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Tools.Observability, "prometheus", "aiplatform-alerts.yaml")))
        {
            file.Load(reader);
        }

        var groups = (YamlSequenceNode)((YamlMappingNode)file.Documents[0].RootNode)["groups"];
        var fromFile = groups.Cast<YamlMappingNode>().SelectMany(g => ((YamlSequenceNode)g["rules"]).Cast<YamlMappingNode>()
            .Select(r => $"{g["name"]}|{r["alert"]}|{r["expr"]}|{r["for"]}")).ToList();
        var fromRule = rule.Spec.Groups.SelectMany(g => g.Rules.Select(r => $"{g.Name}|{r.Alert}|{r.Expr}|{r.For}")).ToList();
        Assert.NotEmpty(fromFile);
        Assert.Equal(fromFile, fromRule);
    }

    private static bool Matches(IDictionary<string, string> selector, IDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);
}
