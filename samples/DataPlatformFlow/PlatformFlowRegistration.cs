using AiPlatform.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace DataPlatformFlow;

/// <summary>Registers what the flow runs on.</summary>
public static class PlatformFlowRegistration
{
    /// <summary>
    /// Adds the Data layer (its object store must presign: an S3 endpoint), the Label Studio and Airflow clients (both required: a missing
    /// <c>Endpoint</c> fails at start naming its key) and <see cref="PlatformFlow"/>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddPlatformFlow(this AiPlatformBuilder builder)
    {
        builder.AddData().Platform.AddLabelStudio().AddAirflow();
        builder.Services.AddSingleton<PlatformFlow>();
        return builder;
    }
}
