using System.Globalization;
using AiPlatform.Sdk.Data.Platform.Common;
using AiPlatform.Sdk.Http;

namespace AiPlatform.Sdk.Data.Platform.Cvat;

/// <summary>
/// Sends a task's media the way its size calls for. Up to the threshold in all: one multipart request. Above it, CVAT's upload session
/// (<c>UploadMixin.upload_data</c>) as CVAT's SDK runs it (<c>cvat_sdk/core/uploading.py</c>, <c>DataUploader</c>): <c>Upload-Start</c>,
/// the files up to the threshold grouped into <c>Upload-Multiple</c> requests of at most the threshold each, larger files with tus
/// (<see cref="CvatTusUpload"/>), then <c>Upload-Finish</c>, which queues the data processing and answers its request id.
/// </summary>
internal sealed class CvatMediaUpload(ICvatApi api, CvatTusUpload tus, ServiceCalls calls, long threshold)
{
    private const string Operation = "UploadData";

    public async Task<string> UploadAsync(
        int taskId, IReadOnlyList<CvatFile> files, int imageQuality, IProgress<CvatUploadProgress>? progress, CancellationToken cancellationToken)
    {
        var sized = files.Select(f => (File: f, Length: f.Content.CanSeek ? f.Content.Length - f.Content.Position : (long?)null)).ToList();
        long? total = sized.All(f => f.Length is not null) ? sized.Sum(f => f.Length!.Value) : null;
        if (total <= threshold)
        {
            using var form = Form(files, imageQuality);
            var single = await api.UploadDataAsync(taskId, form, cancellationToken).ConfigureAwait(false);
            progress?.Report(new CvatUploadProgress { BytesSent = total.Value, TotalBytes = total });
            return RqId(single);
        }

        await api.StartUploadAsync(taskId, cancellationToken).ConfigureAwait(false);
        long done = 0;
        foreach (var group in Groups(sized.Where(f => !(f.Length > threshold))))
        {
            using (var form = Form(group.Select(f => f.File), imageQuality))
            {
                await api.AppendFilesAsync(taskId, form, cancellationToken).ConfigureAwait(false);
            }

            done += group.Sum(f => f.Length ?? 0);
            progress?.Report(new CvatUploadProgress { BytesSent = done, TotalBytes = total });
        }

        var session = new Uri($"api/tasks/{taskId.ToString(CultureInfo.InvariantCulture)}/data/", UriKind.Relative);
        foreach (var (file, length) in sized.Where(f => f.Length > threshold))
        {
            var before = done;
            await tus.SendAsync(session, file, length!.Value, sent => progress?.Report(new CvatUploadProgress { BytesSent = before + sent, TotalBytes = total }),
                cancellationToken).ConfigureAwait(false);
            done += length.Value;
        }

        return RqId(await api.FinishUploadAsync(taskId, new UploadFinishWire(imageQuality), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The multipart body CVAT reads media from: <c>client_files[0]</c>, <c>client_files[1]</c>... streamed, and <c>image_quality</c>.</summary>
    private static MultipartFormDataContent Form(IEnumerable<CvatFile> files, int imageQuality) => MultipartFiles.Create(
        files.Select((f, i) => ($"client_files[{i.ToString(CultureInfo.InvariantCulture)}]", f.Content, f.FileName, "application/octet-stream")),
        [("image_quality", imageQuality.ToString(CultureInfo.InvariantCulture))]);

    // Files in order, a group closing before the file that would take it past the threshold; a file of unknown length goes alone.
    private IEnumerable<List<(CvatFile File, long? Length)>> Groups(IEnumerable<(CvatFile File, long? Length)> files)
    {
        var group = new List<(CvatFile File, long? Length)>();
        long size = 0;
        foreach (var file in files)
        {
            var weight = file.Length ?? threshold;
            if (group.Count > 0 && size + weight > threshold)
            {
                yield return group;
                group = [];
                size = 0;
            }

            group.Add(file);
            size += weight;
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }

    private string RqId(RqIdWire answer) => answer.RqId is { Length: > 0 } id ? id : throw calls.Malformed(Operation, "no rq_id");
}
