using AiPlatform.Sdk.Data.Platform.Airflow;
using AiPlatform.Sdk.Data.Platform.Flume;
using AiPlatform.Sdk.Data.Platform.KafkaConnect;

namespace AiPlatform.Sdk;

/// <summary>Adds every data-platform client that configuration switches on.</summary>
public static class AiPlatformBuilderDataPlatformExtensions
{
    /// <summary>
    /// Applies the switch rule to <c>AiPlatform:DataPlatform</c>: each system whose <c>Endpoint</c> is set is registered (Kafka Connect
    /// through <see cref="AiPlatformBuilderKafkaConnectExtensions.AddKafkaConnect"/>, Airflow through <see cref="AiPlatformBuilderAirflowExtensions.AddAirflow"/>,
    /// Flume through <see cref="AiPlatformBuilderFlumeExtensions.AddFlume"/>), and no other. These systems have no embedded
    /// default, so nothing is registered for a section without an endpoint. Calling it again adds nothing.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddDataPlatform(this AiPlatformBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.IsRemote(KafkaConnectSettings.SectionPath))
        {
            builder.AddKafkaConnect();
        }

        if (builder.IsRemote(AirflowSettings.SectionPath))
        {
            builder.AddAirflow();
        }

        if (builder.IsRemote(FlumeSettings.SectionPath))
        {
            builder.AddFlume();
        }

        return builder;
    }
}
