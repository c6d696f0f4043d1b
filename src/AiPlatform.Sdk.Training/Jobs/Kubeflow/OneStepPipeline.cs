using System.Globalization;
using System.Text.Json.Nodes;

namespace AiPlatform.Sdk.Training.Jobs.Kubeflow;

/// <summary>
/// A job as a Kubeflow pipeline of one container step: the compiled IR (<c>PipelineSpec</c> of kubeflow/pipelines
/// <c>api/v2alpha1/pipeline_spec.proto</c>, in proto JSON) with one task whose executor runs the image with the entrypoint as its
/// command, the arguments, the environment and the resource limits.
/// </summary>
internal static class OneStepPipeline
{
    private const string Task = "train";

    public static JsonObject Create(JobSubmission job, string image)
    {
        var container = new JsonObject
        {
            ["image"] = image,
            ["command"] = new JsonArray(job.Entrypoint),
            ["args"] = new JsonArray([.. job.Arguments.Select(a => (JsonNode?)a)]),
            ["env"] = new JsonArray([.. job.Environment.Select(e => (JsonNode?)new JsonObject { ["name"] = e.Key, ["value"] = e.Value })]),
        };
        var resources = new JsonObject();
        if (job.Resources.Cpus is { } cpus)
        {
            resources["resourceCpuLimit"] = cpus.ToString(CultureInfo.InvariantCulture);
        }

        if (job.Resources.MemoryBytes is { } memory)
        {
            resources["resourceMemoryLimit"] = memory.ToString(CultureInfo.InvariantCulture);
        }

        if (job.Resources.Gpus is { } gpus)
        {
            resources["accelerator"] = new JsonObject { ["resourceType"] = "nvidia.com/gpu", ["resourceCount"] = Math.Ceiling(gpus).ToString(CultureInfo.InvariantCulture) };
        }

        if (resources.Count > 0)
        {
            container["resources"] = resources;
        }

        return new JsonObject
        {
            ["pipelineInfo"] = new JsonObject { ["name"] = "aiplatform-training-job" },
            ["schemaVersion"] = "2.1.0",
            ["sdkVersion"] = "aiplatform-sdk",
            ["root"] = new JsonObject
            {
                ["dag"] = new JsonObject
                {
                    ["tasks"] = new JsonObject
                    {
                        [Task] = new JsonObject
                        {
                            ["taskInfo"] = new JsonObject { ["name"] = Task },
                            ["componentRef"] = new JsonObject { ["name"] = "comp-" + Task },
                        },
                    },
                },
            },
            ["components"] = new JsonObject { ["comp-" + Task] = new JsonObject { ["executorLabel"] = "exec-" + Task } },
            ["deploymentSpec"] = new JsonObject
            {
                ["executors"] = new JsonObject { ["exec-" + Task] = new JsonObject { ["container"] = container } },
            },
        };
    }
}
