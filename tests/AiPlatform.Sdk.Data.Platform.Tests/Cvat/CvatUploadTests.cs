using System.Text;
using System.Text.Json;
using AiPlatform.Sdk.Data.Platform.Cvat;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests.Cvat;

/// <summary>
/// The upload session above <c>ChunkedUploadThreshold</c> against a Kestrel fake that keeps a session as CVAT's UploadMixin does
/// (Upload-Start, Upload-Multiple appends, tus uploads created with a Location built from Origin, chunks written at the upload's
/// offset or refused with 409, HEAD for the offset, Upload-Finish): the files are reassembled byte for byte, chunks never exceed
/// <c>UploadChunkSize</c>, each byte is read from the caller's stream once, refused and lost chunks are resumed, progress is reported.
/// </summary>
[Trait("Kind", "Contract")]
public sealed class CvatUploadTests
{
    private const int Threshold = 64 * 1024;
    private const int ChunkSize = 16 * 1024;

    [Fact]
    public async Task Large_files_go_up_with_tus_in_chunks_and_small_ones_in_upload_multiple_groups()
    {
        var fake = new SessionFake();
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server);
        var large = Bytes(100_000, seed: 1);
        using var first = new MemoryStream(Bytes(40_000, seed: 2));
        using var second = new MemoryStream(Bytes(30_000, seed: 3));
        using var third = new MemoryStream(Bytes(20_000, seed: 4));

        var rq = await provider.GetRequiredService<ICvatClient>().UploadDataAsync(12,
            [new CvatFile("a.jpg", first), new CvatFile("clip.mp4", new MemoryStream(large)), new CvatFile("b.jpg", second), new CvatFile("c.jpg", third)], imageQuality: 85);

        Assert.Equal("create:task.id12-session", rq);
        Assert.Equal(["start", "multiple a.jpg", "multiple b.jpg c.jpg", "tus clip.mp4 100000", "patch 0", "patch 16384", "patch 32768", "patch 49152", "patch 65536", "patch 81920", "patch 98304", "finish 85"], fake.Steps);
        Assert.Equal(large, fake.Files["clip.mp4"].ToArray());
        Assert.Equal(Bytes(30_000, seed: 3), fake.Files["b.jpg"].ToArray());
        var patches = server.Requests.Where(r => r.Method == "PATCH").ToList();
        Assert.All(patches, p => Assert.Equal("application/offset+octet-stream", p.Headers["Content-Type"]));
        Assert.All(patches, p => Assert.Equal("1.0.0", p.Headers["Tus-Resumable"]));
        Assert.All(patches, p => Assert.Equal("Token f2a0c6e1", p.Headers["Authorization"]));
        Assert.All(patches, p => Assert.Equal("vision-team", p.Headers["X-Organization"]));
        var create = server.Requests.Single(r => r.Headers.ContainsKey("Upload-Length"));
        Assert.Equal("filename " + Convert.ToBase64String("clip.mp4"u8.ToArray()), create.Headers["Upload-Metadata"]);
        Assert.Equal(server.BaseAddress.GetLeftPart(UriPartial.Authority), create.Headers["Origin"]);
        Assert.Equal("""{"image_quality":85}""", server.Requests.Last().Body);
    }

    [Fact]
    public async Task Memory_stays_bounded_each_chunk_read_once_and_never_more_than_a_chunk()
    {
        var fake = new SessionFake();
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server);
        await using var video = new GeneratedStream(1_000_000);

        await provider.GetRequiredService<ICvatClient>().UploadDataAsync(12, [new CvatFile("long.mp4", video)]);

        Assert.Equal(1_000_000, fake.Files["long.mp4"].Length);
        Assert.Equal(GeneratedStream.Expected(1_000_000), fake.Files["long.mp4"].ToArray());
        Assert.Equal(1_000_000, video.BytesRead);
        Assert.True(video.LargestRead <= ChunkSize, $"a read asked for {video.LargestRead} bytes");
        Assert.All(server.Requests.Where(r => r.Method == "PATCH"), p => Assert.True(int.Parse(p.Headers["Content-Length"], System.Globalization.CultureInfo.InvariantCulture) <= ChunkSize));
    }

    [Fact]
    public async Task Chunks_refused_for_their_offset_or_failed_by_the_server_resume_from_the_offset_a_head_reports()
    {
        // The second chunk is written but its answer is a 503; the third is refused (409) as a proxy replayed it.
        var fake = new SessionFake { Fail = (patch, offset) => patch switch { 2 => 503, 3 => 409, _ => null } };
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server);
        var large = Bytes(70_000, seed: 5);

        await provider.GetRequiredService<ICvatClient>().UploadDataAsync(12, [new CvatFile("clip.mp4", new MemoryStream(large))]);

        Assert.Equal(large, fake.Files["clip.mp4"].ToArray());
        Assert.Equal(["start", "tus clip.mp4 70000", "patch 0", "patch 16384", "head 32768", "patch 32768", "head 32768", "patch 32768", "patch 49152", "patch 65536", "finish 70"], fake.Steps);
    }

    [Fact]
    public async Task An_upload_that_makes_no_progress_stalls_with_a_typed_error()
    {
        var fake = new SessionFake { Fail = (patch, offset) => offset == ChunkSize ? 500 : null };
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server);

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => provider.GetRequiredService<ICvatClient>().UploadDataAsync(12, [new CvatFile("clip.mp4", new MemoryStream(Bytes(70_000, seed: 6)))]));

        Assert.Equal("UploadStalled", error.ErrorCode);
        Assert.Equal("UploadData", error.Operation);
        Assert.Contains("'clip.mp4' made no progress past byte 16384 of 70000 in 3 resumes (500 Internal Server Error)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("finish 70", fake.Steps);
    }

    [Fact]
    public async Task Progress_reports_the_bytes_confirmed_after_each_request_and_chunk()
    {
        var fake = new SessionFake();
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server);
        var seen = new List<(long, long?)>();

        await provider.GetRequiredService<ICvatClient>().UploadDataAsync(12,
            [new CvatFile("a.jpg", new MemoryStream(new byte[10_000])), new CvatFile("clip.mp4", new MemoryStream(new byte[40_000 + Threshold]))],
            progress: new SynchronousProgress<CvatUploadProgress>(p => seen.Add((p.BytesSent, p.TotalBytes))));

        const long total = 50_000 + Threshold;
        Assert.Equal([(10_000, total), (26_384, total), (42_768, total), (59_152, total), (75_536, total), (91_920, total), (108_304, total), (total, total)], seen);
    }

    [Fact]
    public async Task A_stream_of_unknown_length_goes_up_in_an_upload_multiple_request_of_its_own()
    {
        var fake = new SessionFake();
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server);
        var seen = new List<long?>();

        await provider.GetRequiredService<ICvatClient>().UploadDataAsync(12,
            [new CvatFile("a.jpg", new MemoryStream(new byte[100])), new CvatFile("live.mp4", new UnseekableStream(Bytes(5_000, seed: 7))), new CvatFile("b.jpg", new MemoryStream(new byte[100]))],
            progress: new SynchronousProgress<CvatUploadProgress>(p => seen.Add(p.TotalBytes)));

        Assert.Equal(["start", "multiple a.jpg", "multiple live.mp4", "multiple b.jpg", "finish 70"], fake.Steps);
        Assert.Equal(Bytes(5_000, seed: 7), fake.Files["live.mp4"].ToArray());
        Assert.All(seen, total => Assert.Null(total));
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static ServiceProvider Build(KestrelTestServer server) => PlatformHost.Build(
        new Dictionary<string, string?>
        {
            ["DataPlatform:Cvat:Endpoint"] = server.BaseAddress.AbsoluteUri,
            ["DataPlatform:Cvat:AccessToken"] = "f2a0c6e1",
            ["DataPlatform:Cvat:Organization"] = "vision-team",
            ["DataPlatform:Cvat:ChunkedUploadThreshold"] = Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DataPlatform:Cvat:UploadChunkSize"] = ChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        p => p.AddCvat());

    /// <summary>
    /// Task 12's upload session as UploadMixin keeps it. <see cref="Fail"/> picks, from the PATCH's number and offset, a status to answer
    /// instead: 503 after writing the chunk (its answer lost on the way back), any other without writing it.
    /// </summary>
    private sealed class SessionFake
    {
        private readonly Dictionary<string, (string Name, long Length)> _uploads = [];
        private int _patches;

        public List<string> Steps { get; } = [];

        public Dictionary<string, MemoryStream> Files { get; } = [];

        public Func<int, long, int?> Fail { get; init; } = (_, _) => null;

        public void Map(WebApplication app)
        {
            app.MapPost("/api/tasks/12/data/", async (HttpContext context) =>
            {
                var request = context.Request;
                if (request.Headers.ContainsKey("Upload-Start"))
                {
                    Steps.Add("start");
                    return Results.StatusCode(202);
                }

                if (request.Headers.ContainsKey("Upload-Multiple"))
                {
                    var form = await request.ReadFormAsync();
                    Steps.Add("multiple " + string.Join(' ', form.Files.Select(f => f.FileName)));
                    foreach (var file in form.Files)
                    {
                        await file.CopyToAsync(Files[file.FileName] = new MemoryStream());
                    }

                    return Results.Ok();
                }

                if (request.Headers.TryGetValue("Upload-Length", out var length))
                {
                    var name = Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers["Upload-Metadata"].ToString().Split(' ')[1]));
                    var id = $"1_{Guid.NewGuid()}";
                    _uploads[id] = (name, long.Parse(length.ToString(), System.Globalization.CultureInfo.InvariantCulture));
                    Files[name] = new MemoryStream();
                    Steps.Add($"tus {name} {length}");
                    context.Response.Headers["Upload-Filename"] = name;
                    return Results.Created($"{request.Headers.Origin}{request.Path}{id}", null);
                }

                using var body = await JsonDocument.ParseAsync(request.Body);
                Steps.Add("finish " + body.RootElement.GetProperty("image_quality").GetInt32());
                return Results.Json(new { rq_id = "create:task.id12-session" }, statusCode: 202);
            });
            app.MapMethods("/api/tasks/12/data/{fileId}", ["PATCH", "HEAD"], async (HttpContext context, string fileId) =>
            {
                var file = Files[_uploads[fileId].Name];
                if (context.Request.Method == "HEAD")
                {
                    Steps.Add($"head {file.Length}");
                    context.Response.Headers["Upload-Offset"] = file.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return Results.Ok();
                }

                var offset = long.Parse(context.Request.Headers["Upload-Offset"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
                Steps.Add($"patch {offset}");
                var failure = Fail(++_patches, offset);
                if (offset != file.Length)
                {
                    return Results.StatusCode(409);
                }

                if (failure is { } refused and not 503)
                {
                    return Results.StatusCode(refused);
                }

                await context.Request.Body.CopyToAsync(file);
                if (failure == 503)
                {
                    return Results.StatusCode(503);
                }

                context.Response.Headers["Upload-Offset"] = file.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.NoContent();
            });
        }
    }

    /// <summary>A seekable stream of <c>length</c> generated bytes that holds none of them, recording what is read.</summary>
    private sealed class GeneratedStream(long length) : Stream
    {
        public long BytesRead { get; private set; }

        public int LargestRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get; set; }

        public static byte[] Expected(int length) => [.. Enumerable.Range(0, length).Select(i => At(i))];

        public override int Read(byte[] buffer, int offset, int count)
        {
            LargestRead = Math.Max(LargestRead, count);
            var n = (int)Math.Min(count, length - Position);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = At(Position + i);
            }

            Position += n;
            BytesRead += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static byte At(long position) => (byte)((position * 31) ^ (position >> 8));
    }

    /// <summary>A stream that cannot seek, so its length is unknown (a pipe, a network download).</summary>
    private sealed class UnseekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
