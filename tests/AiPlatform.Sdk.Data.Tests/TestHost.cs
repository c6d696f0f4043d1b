using AiPlatform.Sdk.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiPlatform.Sdk.Data.Tests;

/// <summary>Builds a host with the Data layer registered from in-memory configuration and a private data folder, deleted with the host.</summary>
internal static class TestHost
{
    public static IHost Build(IReadOnlyDictionary<string, string?> settings, Action<DataBuilder>? register = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var dataPath = Directory.CreateTempSubdirectory("aiplatform-data-").FullName;
        var values = new Dictionary<string, string?>(settings) { ["AiPlatform:DataPath"] = dataPath };
        builder.Configuration.AddInMemoryCollection(values);
        var data = builder.Services.AddAiPlatformCore(builder.Configuration).AddData();
        register?.Invoke(data);
        builder.Services.AddSingleton(_ => new TempFolder(dataPath));

        var host = builder.Build();
        host.Services.GetService<TempFolder>();
        return host;
    }

    /// <summary>Deletes a test's data folder when its host is disposed.</summary>
    private sealed class TempFolder(string path) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
                // A file still open; the OS cleans the temp folder.
            }
        }
    }

    public static Dictionary<string, string?> S3Settings(string section = "AiPlatform:Data:ObjectStore") => new()
    {
        [$"{section}:Endpoint"] = Testing.ServiceEndpoints.S3Endpoint,
        [$"{section}:AccessKey"] = Testing.ServiceEndpoints.S3AccessKey,
        [$"{section}:SecretKey"] = Testing.ServiceEndpoints.S3SecretKey,
    };
}
