using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace AiPlatform.Sdk.Training.Tests;

/// <summary>
/// The server's MLflow API checked with requests shaped as MLflow's Python client sends them (mlflow/store/tracking/rest_store.py and
/// mlflow/utils/rest_utils.py, mlflow/mlflow v2.x: POST bodies from <c>message_to_json</c> with int64 as numbers and NaN as a string,
/// GET parameters in the query, <c>run_uuid</c> beside <c>run_id</c>), and MLflow's answers to bad input.
/// </summary>
public sealed class MlflowServerWireTests(ServerTrackerTests.MlflowServer server) : IClassFixture<ServerTrackerTests.MlflowServer>
{
    private readonly HttpClient _http = new() { BaseAddress = server.BaseAddress };

    [Fact]
    public async Task A_python_client_run_lifecycle_is_answered_as_mlflow_answers_it()
    {
        var name = $"python-{Guid.NewGuid():N}";
        var experimentId = (string)(await PostAsync("experiments/create", $$"""{"name": "{{name}}", "tags": [{"key": "team", "value": "ds"}]}"""))["experiment_id"]!;
        var run = (await PostAsync("runs/create", $$"""
            {"experiment_id": "{{experimentId}}", "user_id": "ada", "start_time": 1700000000000,
             "tags": [{"key": "mlflow.source.type", "value": "LOCAL"}], "run_name": "python-run"}
            """))["run"]!;
        var runId = (string)run["info"]!["run_id"]!;
        // 999 metrics and 1 param: the 1000 items one request may carry.
        var metrics = string.Join(",", Enumerable.Range(0, 999).Select(i =>
            $$"""{"key": "loss", "value": {{(1.0 / (i + 1)).ToString("R", CultureInfo.InvariantCulture)}}, "timestamp": {{1700000000000 + i}}, "step": {{i}}}"""));
        await PostAsync("runs/log-batch", $$"""{"run_id": "{{runId}}", "metrics": [{{metrics}}], "params": [{"key": "lr", "value": "0.01"}], "tags": []}""");
        await PostAsync("runs/log-metric", $$"""{"run_uuid": "{{runId}}", "run_id": "{{runId}}", "key": "grad_norm", "value": "NaN", "timestamp": 1700000009999, "step": 3}""");
        await PostAsync("runs/set-tag", $$"""{"run_uuid": "{{runId}}", "run_id": "{{runId}}", "key": "phase", "value": "train"}""");
        await PostAsync("runs/update", $$"""{"run_uuid": "{{runId}}", "run_id": "{{runId}}", "status": "FINISHED", "end_time": 1700000010000}""");
        var read = (await GetAsync($"runs/get?run_uuid={runId}&run_id={runId}"))["run"]!;
        var history = await GetAsync($"metrics/get-history?run_id={runId}&run_uuid={runId}&metric_key=loss");
        var found = await PostAsync("runs/search", $$"""
            {"experiment_ids": ["{{experimentId}}"], "filter": "metrics.loss < 0.01 and params.lr = '0.01'", "run_view_type": "ACTIVE_ONLY",
             "max_results": 1000, "order_by": ["attributes.start_time DESC"]}
            """);
        var byName = await GetAsync($"experiments/get-by-name?experiment_name={Uri.EscapeDataString(name)}");

        Assert.Equal(32, runId.Length);
        Assert.Equal("RUNNING", (string)run["info"]!["status"]!);
        Assert.Equal("FINISHED", (string)read["info"]!["status"]!);
        Assert.Equal("ada", (string)read["info"]!["user_id"]!);
        Assert.Equal("python-run", (string)read["info"]!["run_name"]!);
        Assert.Contains(read["data"]!["params"]!.AsArray(), p => (string)p!["key"]! == "lr" && (string)p["value"]! == "0.01");
        Assert.Contains(read["data"]!["tags"]!.AsArray(), t => (string)t!["key"]! == "phase");
        Assert.Contains(read["data"]!["metrics"]!.AsArray(), m => (string)m!["key"]! == "grad_norm" && m["value"]!.ToJsonString() == "\"NaN\"");
        Assert.Equal(999, history["metrics"]!.AsArray().Count);
        Assert.Equal(runId, (string)found["runs"]!.AsArray().Single()!["info"]!["run_id"]!);
        Assert.Equal(experimentId, (string)byName["experiment"]!["experiment_id"]!);
        Assert.Equal("ds", (string)byName["experiment"]!["tags"]![0]!["value"]!);
    }

    [Fact]
    public async Task Experiment_search_pages_with_mlflow_page_tokens()
    {
        for (var i = 0; i < 3; i++)
        {
            await PostAsync("experiments/create", $$"""{"name": "paged-{{Guid.NewGuid():N}}"}""");
        }

        var ids = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var body = token is null ? """{"max_results": 2}""" : $$"""{"max_results": 2, "page_token": "{{token}}"}""";
            var page = await PostAsync("experiments/search", body);
            ids.AddRange(page["experiments"]!.AsArray().Select(e => (string)e!["experiment_id"]!));
            token = (string?)page["next_page_token"];
            pages++;
        }
        while (token is not null);

        Assert.True(pages >= 2, $"{pages} page(s)");
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains("0", ids);
    }

    [Theory]
    [InlineData("runs/get?run_id=0123456789abcdef0123456789abcdef", null, 404, "RESOURCE_DOES_NOT_EXIST", "0123456789abcdef0123456789abcdef")]
    [InlineData("experiments/get?experiment_id=424242", null, 404, "RESOURCE_DOES_NOT_EXIST", "424242")]
    [InlineData("experiments/create", """{"tags": []}""", 400, "INVALID_PARAMETER_VALUE", "'name'")]
    [InlineData("experiments/create", """{"name": """, 400, "INVALID_PARAMETER_VALUE", "Malformed")]
    [InlineData("experiments/search", """{"max_results": 0}""", 400, "INVALID_PARAMETER_VALUE", "max_results")]
    [InlineData("runs/search", """{"experiment_ids": ["0"], "filter": "metrics.loss <> 1"}""", 400, "INVALID_PARAMETER_VALUE", "<> 1")]
    public async Task Bad_input_gets_mlflow_status_and_error_code(string path, string? body, int status, string code, string named)
    {
        using var response = body is null
            ? await _http.GetAsync($"api/2.0/mlflow/{path}")
            : await _http.PostAsync($"api/2.0/mlflow/{path}", new StringContent(body, Encoding.UTF8, "application/json"));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, (string)error["error_code"]!);
        Assert.Contains(named, (string)error["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_over_the_limits_is_refused_whole()
    {
        var experimentId = (string)(await PostAsync("experiments/create", $$"""{"name": "limits-{{Guid.NewGuid():N}}"}"""))["experiment_id"]!;
        var runId = (string)(await PostAsync("runs/create", $$"""{"experiment_id": "{{experimentId}}", "start_time": 1700000000000}"""))["run"]!["info"]!["run_id"]!;
        var metrics = string.Join(",", Enumerable.Range(0, 1001).Select(i => $$"""{"key": "m", "value": 1, "timestamp": 1700000000000, "step": {{i}}}"""));

        using var response = await _http.PostAsync("api/2.0/mlflow/runs/log-batch",
            new StringContent($$"""{"run_id": "{{runId}}", "metrics": [{{metrics}}]}""", Encoding.UTF8, "application/json"));
        var history = await GetAsync($"metrics/get-history?run_id={runId}&metric_key=m");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_PARAMETER_VALUE", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error_code"]!);
        Assert.Empty(history["metrics"]!.AsArray());
    }

    private async Task<JsonNode> PostAsync(string path, string body)
    {
        using var response = await _http.PostAsync($"api/2.0/mlflow/{path}", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task<JsonNode> GetAsync(string pathAndQuery)
    {
        using var response = await _http.GetAsync($"api/2.0/mlflow/{pathAndQuery}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{pathAndQuery}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
