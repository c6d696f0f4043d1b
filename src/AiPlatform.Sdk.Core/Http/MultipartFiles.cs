using System.Net.Http.Headers;

namespace AiPlatform.Sdk.Http;

/// <summary>
/// A <c>multipart/form-data</c> body of plain fields and file parts streamed from their sources (never buffered whole), each with a quoted
/// <c>name</c> and <c>filename</c> the way browsers and curl send them: .NET's own form content leaves them unquoted and adds
/// <c>filename*</c>, which several servers' multipart parsers refuse (Prism's crashes on it). Shared by the packages whose clients upload files.
/// </summary>
internal static class MultipartFiles
{
    public static MultipartFormDataContent Create(
        IEnumerable<(string Name, Stream Content, string FileName, string ContentType)> files, IEnumerable<(string Name, string Value)>? fields = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields ?? [])
        {
            var part = new StringContent(value);
            part.Headers.ContentType = null;
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quoted(name) };
            form.Add(part);
        }

        foreach (var (name, content, fileName, contentType) in files)
        {
            ArgumentNullException.ThrowIfNull(content);
            ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
            var part = new StreamContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quoted(name), FileName = Quoted(Path.GetFileName(fileName)) };
            form.Add(part);
        }

        return form;
    }

    private static string Quoted(string value) => $"\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
