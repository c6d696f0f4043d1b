using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AiPlatform.Sdk.Data.Platform.Common;

namespace AiPlatform.Sdk.Data.Platform.Cvat;

/// <summary>
/// One file sent with tus 1.0.0 inside a CVAT upload session, as CVAT's <c>UploadMixin</c> takes it: a <c>POST</c> with
/// <c>Upload-Length</c> and the file name in <c>Upload-Metadata</c> creates the upload (201, <c>Location</c>), then each <c>PATCH</c>
/// carries one chunk from the offset the server confirmed. A chunk refused for its offset (409), failed by the server (5xx) or lost in
/// transit is resumed from the offset a <c>HEAD</c> reports. One chunk is held in memory at a time.
/// </summary>
internal sealed class CvatTusUpload(HttpClient http, ServiceCalls calls, int chunkSize)
{
    /// <summary>The error code of an upload that made no progress through <see cref="MaxResumes"/> resumes in a row.</summary>
    internal const string UploadStalled = "UploadStalled";

    private const string Operation = "UploadData";
    private const string TusVersion = "1.0.0";
    private const int MaxResumes = 3;

    /// <summary>Sends <paramref name="length"/> bytes of <paramref name="file"/> from its position, reporting the bytes the server confirmed.</summary>
    public async Task SendAsync(Uri sessionPath, CvatFile file, long length, Action<long> confirmed, CancellationToken cancellationToken)
    {
        var location = await CreateAsync(sessionPath, file.FileName, length, cancellationToken).ConfigureAwait(false);
        var start = file.Content.Position;
        var size = (int)Math.Min(chunkSize, length);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            long offset = 0;
            var resumes = 0;
            while (offset < length)
            {
                file.Content.Position = start + offset;
                var count = (int)Math.Min(size, length - offset);
                if (await file.Content.ReadAtLeastAsync(buffer.AsMemory(0, count), count, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < count)
                {
                    throw new ArgumentException($"The content of '{file.FileName}' ended before the {length} bytes its length declared.", nameof(file));
                }

                var (next, failure) = await PatchAsync(location, offset, buffer, count, length, cancellationToken).ConfigureAwait(false);
                if (next is null)
                {
                    if (++resumes > MaxResumes)
                    {
                        throw new AiPlatformException(CvatClient.Service, Operation,
                            $"{CvatClient.Service} {Operation}: the tus upload of '{file.FileName}' made no progress past byte {offset} of {length} in {MaxResumes} resumes ({failure})",
                            errorCode: UploadStalled);
                    }

                    next = await OffsetAsync(location, length, cancellationToken).ConfigureAwait(false);
                }

                if (next > offset)
                {
                    resumes = 0;
                }

                offset = next.Value;
                confirmed(offset);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<Uri> CreateAsync(Uri sessionPath, string fileName, long length, CancellationToken cancellationToken)
    {
        using var request = Tus(HttpMethod.Post, sessionPath);
        request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", "filename " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Path.GetFileName(fileName))));

        // Without X-Forwarded-Host, CVAT builds the upload's Location from the request's Origin and path.
        request.Headers.TryAddWithoutValidation("Origin", http.BaseAddress!.GetLeftPart(UriPartial.Authority));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await AiPlatformErrors.EnsureSuccessAsync(response, CvatClient.Service, Operation, cancellationToken).ConfigureAwait(false);
        return response.Headers.Location is { } location
            ? CvatLocation.OnEndpoint(location)
            : throw calls.Malformed(Operation, "the tus upload was created without a Location");
    }

    // The offset the server confirmed, or null with the reason when the chunk must be resumed from the server's offset.
    private async Task<(long? Offset, string? Failure)> PatchAsync(Uri location, long offset, byte[] buffer, int count, long length, CancellationToken cancellationToken)
    {
        using var request = Tus(HttpMethod.Patch, location);
        request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        request.Content = new ByteArrayContent(buffer, 0, count);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException lost)
        {
            return (null, lost.Message);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Conflict || (int)response.StatusCode >= 500)
            {
                return (null, $"{(int)response.StatusCode} {response.ReasonPhrase}");
            }

            await AiPlatformErrors.EnsureSuccessAsync(response, CvatClient.Service, Operation, cancellationToken).ConfigureAwait(false);
            return (Offset(response, length) ?? offset + count, null);
        }
    }

    private async Task<long> OffsetAsync(Uri location, long length, CancellationToken cancellationToken)
    {
        using var request = Tus(HttpMethod.Head, location);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await AiPlatformErrors.EnsureSuccessAsync(response, CvatClient.Service, Operation, cancellationToken).ConfigureAwait(false);
        return Offset(response, length) ?? throw calls.Malformed(Operation, "the tus upload's HEAD answer has no Upload-Offset");
    }

    private long? Offset(HttpResponseMessage response, long length) =>
        !response.Headers.TryGetValues("Upload-Offset", out var values)
            ? null
            : long.TryParse(values.First(), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) && offset <= length
                ? offset
                : throw calls.Malformed(Operation, $"Upload-Offset '{values.First()}' is not an offset within the file's {length} bytes");

    private static HttpRequestMessage Tus(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Add("Tus-Resumable", TusVersion);
        return request;
    }
}
