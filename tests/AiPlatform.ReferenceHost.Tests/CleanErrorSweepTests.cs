using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AiPlatform.ReferenceHost.Tests.Inference;

namespace AiPlatform.ReferenceHost.Tests;

/// <summary>
/// Inputs that once got an empty 500 from the running host: each is now a 4xx whose body names the problem, or a success where
/// the write itself was fine. None is a 5xx.
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
    };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static ByteArrayContent RawJson(string before, byte first, byte second, string after)
    {
        var content = new ByteArrayContent([.. Encoding.UTF8.GetBytes(before), first, second, .. Encoding.UTF8.GetBytes(after)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
