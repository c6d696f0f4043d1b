using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AiPlatform.ReferenceHost.Tests.Inference;

namespace AiPlatform.ReferenceHost.Tests;

/// <summary>
/// Inputs that once got an empty 500 from the running host: each is now a 4xx whose body names the problem, or a success where
/// the write itself was fine. None is a 5xx. A JSON endpoint of any family answers a body of another media type with 415 (it once
/// answered 404, or read it anyway), and reads JSON sent as <c>application/json</c> or without a <c>Content-Type</c>.
/// </summary>
public sealed class CleanErrorSweepTests(InferenceHostFixture fixture) : IClassFixture<InferenceHostFixture>
{
    public static TheoryData<string> Cases() => [.. CaseTable.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_input_is_answered_without_a_5xx_and_with_the_expected_status(string name)
    {
        var (expected, send) = CaseTable[name];

        using var response = await send(fixture.Host.Client);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode < 500, $"{name}: {(int)response.StatusCode} {body}");
        Assert.Equal(expected, response.StatusCode);
        if ((int)response.StatusCode >= 400)
        {
            Assert.False(string.IsNullOrWhiteSpace(body), $"{name}: an error without a body");
        }
    }

    [Fact]
    public async Task A_non_ascii_key_is_stored_and_answered_with_an_encoded_location()
    {
        using var put = await fixture.Host.Client.PutAsync("v1/objects/sweep/ünïcode-ключ.txt", new StringContent("x"));

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal("/v1/objects/sweep/%C3%BCn%C3%AFcode-%D0%BA%D0%BB%D1%8E%D1%87.txt", put.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Head_on_an_object_answers_the_headers_of_get()
    {
        using var put = await fixture.Host.Client.PutAsync("v1/objects/sweep/head.txt", new StringContent("0123456789"));

        using var head = await fixture.Host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "v1/objects/sweep/head.txt"));
        using var get = await fixture.Host.Client.GetAsync("v1/objects/sweep/head.txt");

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
    }

    [Fact]
    public async Task An_input_onnx_runtime_refuses_is_400_with_the_runtimes_reason()
    {
        using var response = await fixture.Host.Client.PostAsync("v2/models/lookup/infer",
            Json("""{"inputs":[{"name":"INPUT","shape":[2],"datatype":"INT64","data":[1,9]}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("onnx runtime error", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>JSON-bodied endpoints of every family the host maps, each with a body it accepts; <c>{unique}</c> becomes a fresh name.</summary>
    public static TheoryData<string, string, string> JsonEndpoints() => new()
    {
        { "POST", "v1/embeddings", """{"input":"media types"}""" },
        { "POST", "v2/models/identity_fp32/infer", """{"inputs":[{"name":"INPUT","shape":[1],"datatype":"FP32","data":[1.0]}]}""" },
        { "POST", "v2/repository/index", "{}" },
        { "POST", "v1/collections", """{"name":"{unique}"}""" },
        { "PUT", "v1/permissions", """{"subject":"user:bob","permission":"read","objectId":"collection:{unique}"}""" },
        { "POST", "api/2.0/mlflow/experiments/create", """{"name":"{unique}"}""" },
        { "POST", "v1/events/media-types", """{"n":1}""" },
    };

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task A_json_endpoint_answers_text_plain_with_415_and_a_problem_naming_both_media_types(string method, string path, string json)
    {
        using var response = await SendAsync(method, path, json, "text/plain; charset=utf-8");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(415, (int)problem["status"]!);
        Assert.Equal("text/plain; charset=utf-8", (string)problem["mediaType"]!);
        Assert.Contains("application/json", problem["accepted"]!.AsArray().Select(t => (string)t!));
        Assert.Contains("'text/plain; charset=utf-8'", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Contains("application/json", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task A_json_endpoint_reads_a_body_sent_as_application_json(string method, string path, string json)
    {
        using var response = await SendAsync(method, path, json, "application/json");

        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task A_json_endpoint_reads_a_body_without_a_content_type_as_json(string method, string path, string json)
    {
        using var response = await SendAsync(method, path, json, mediaType: null);

        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Binary_tensor_data_is_read_as_application_octet_stream()
    {
        var header = """{"inputs":[{"name":"INPUT","shape":[1],"datatype":"FP32","parameters":{"binary_data_size":4}}]}""";
        using var body = new ByteArrayContent([.. Encoding.UTF8.GetBytes(header), 0, 0, 128, 63]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Headers.Add("Inference-Header-Content-Length", Encoding.UTF8.GetByteCount(header).ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var response = await fixture.Host.Client.PostAsync("v2/models/identity_fp32/infer", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_path_stays_404_whatever_the_media_type()
    {
        using var response = await SendAsync("POST", "v1/no-such-endpoint", "{}", "text/plain");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string json, string? mediaType)
    {
        var unique = "media" + Guid.NewGuid().ToString("N")[..12];
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json.Replace("{unique}", unique, StringComparison.Ordinal))),
        };
        if (mediaType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        }

        return await fixture.Host.Client.SendAsync(request);
    }

    private static readonly Dictionary<string, (HttpStatusCode Expected, Func<HttpClient, Task<HttpResponseMessage>> Send)> CaseTable = new()
    {
        ["non-ascii object key"] = (HttpStatusCode.Created, c => c.PutAsync("v1/objects/sweep/é-ключ.txt", new StringContent("x"))),
        ["object under an object"] = (HttpStatusCode.Conflict, async c =>
        {
            (await c.PutAsync("v1/objects/sweep/dir1/file", new StringContent("x"))).Dispose();
            return await c.PutAsync("v1/objects/sweep/dir1/file/sub", new StringContent("y"));
        }),
        ["range to long.MaxValue"] = (HttpStatusCode.PartialContent, async c =>
        {
            (await c.PutAsync("v1/objects/sweep/range.txt", new StringContent("0123456789"))).Dispose();
            var request = new HttpRequestMessage(HttpMethod.Get, "v1/objects/sweep/range.txt");
            request.Headers.TryAddWithoutValidation("Range", "bytes=0-9223372036854775807");
            return await c.SendAsync(request);
        }),
        ["embeddings with a lone surrogate"] = (HttpStatusCode.BadRequest, c => c.PostAsync("v1/embeddings", Json("""{"input":"a\ud800b"}"""))),
        ["embeddings with invalid utf-8"] = (HttpStatusCode.BadRequest, c => c.PostAsync("v1/embeddings", RawJson("{\"input\":\"a", 0xff, 0xfe, "b\"}"))),
        ["inference with a lone surrogate"] = (HttpStatusCode.BadRequest, c => c.PostAsync("v2/models/identity_bytes/infer",
            Json("""{"inputs":[{"name":"INPUT","shape":[1],"datatype":"BYTES","data":["a\ud800"]}]}"""))),
        ["inference with invalid utf-8"] = (HttpStatusCode.BadRequest, c => c.PostAsync("v2/models/identity_bytes/infer",
            RawJson("{\"inputs\":[{\"name\":\"INPUT\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\"a", 0xc3, 0x28, "\"]}]}"))),
        ["binary_data_size of 2^63-1"] = (HttpStatusCode.BadRequest, c =>
        {
            var header = """{"inputs":[{"name":"INPUT","shape":[1],"datatype":"FP32","parameters":{"binary_data_size":9223372036854775807}}]}""";
            var body = new ByteArrayContent([.. Encoding.UTF8.GetBytes(header), 0, 0, 128, 63]);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            body.Headers.Add("Inference-Header-Content-Length", Encoding.UTF8.GetByteCount(header).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return c.PostAsync("v2/models/identity_fp32/infer", body);
        }),
        ["shape [4294967296,4294967296]"] = (HttpStatusCode.BadRequest, c => c.PostAsync("v2/models/sequence_fp32/infer",
            Json("""{"inputs":[{"name":"INPUT","shape":[4294967296,4294967296],"datatype":"FP32","data":[1.0]}]}"""))),
        ["negative dimension"] = (HttpStatusCode.BadRequest, c => c.PostAsync("v2/models/sequence_fp32/infer",
            Json("""{"inputs":[{"name":"INPUT","shape":[-1,1],"datatype":"FP32","data":[1.0]}]}"""))),
        ["out-of-range index"] = (HttpStatusCode.BadRequest, c => c.PostAsync("v2/models/lookup/infer",
            Json("""{"inputs":[{"name":"INPUT","shape":[1],"datatype":"INT64","data":[1000]}]}"""))),
        ["empty dimension beside a full one"] = (HttpStatusCode.OK, c => c.PostAsync("v2/models/sequence_fp32/infer",
            Json("""{"inputs":[{"name":"INPUT","shape":[0,3],"datatype":"FP32","data":[]}]}"""))),
        ["sequence past the model's maximum"] = (HttpStatusCode.BadRequest, c => c.PostAsync("v2/models/configured_fp32/infer",
            Json($$"""{"inputs":[{"name":"INPUT","shape":[1,17],"datatype":"FP32","data":[{{string.Join(',', Enumerable.Repeat("0", 17))}}]}]}"""))),
        ["malformed json to a json endpoint"] = (HttpStatusCode.BadRequest, c => c.PostAsync("v1/collections", Json("""{"name": """))),
        ["json of the wrong shape"] = (HttpStatusCode.BadRequest, c => c.PostAsync("v1/collections", Json("""{"name": 42}"""))),
        ["text/plain to a json endpoint"] = (HttpStatusCode.UnsupportedMediaType, c => c.PostAsync("v1/collections", new StringContent("""{"name": "sweep-plain"}"""))),
    };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static ByteArrayContent RawJson(string before, byte first, byte second, string after)
    {
        var content = new ByteArrayContent([.. Encoding.UTF8.GetBytes(before), first, second, .. Encoding.UTF8.GetBytes(after)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
