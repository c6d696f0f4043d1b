using AiPlatform.Sdk.Data.Platform.Airflow;
using AiPlatform.Sdk.Data.Platform.Cvat;
using AiPlatform.Sdk.Data.Platform.Flink;
using AiPlatform.Sdk.Data.Platform.Flume;
using AiPlatform.Sdk.Data.Platform.KafkaConnect;
using AiPlatform.Sdk.Data.Platform.LabelStudio;
using AiPlatform.Sdk.Data.Platform.SparkConnect;
using AiPlatform.Sdk.Data.Platform.Superset;
using AiPlatform.Sdk.Testing.ConfigurationSchema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Data.Platform.Tests;

/// <summary>The checked-in ConfigurationSchema.json of AiPlatform:DataPlatform.</summary>
public sealed class DataPlatformConfigurationSchemaTests : ConfigurationSchemaTests
{
    protected override string Package => "AiPlatform.Sdk.Data.Platform";

    protected override IReadOnlyList<SettingsSection> Sections { get; } =
    [
        new(KafkaConnectSettings.SectionPath, true, typeof(KafkaConnectSettings)),
        new(AirflowSettings.SectionPath, true, typeof(AirflowSettings)),
        new(FlumeSettings.SectionPath, true, typeof(FlumeSettings)),
        new(LabelStudioSettings.SectionPath, true, typeof(LabelStudioSettings)),
        new(SupersetSettings.SectionPath, true, typeof(SupersetSettings)),
        new(FlinkSettings.SectionPath, true, typeof(FlinkSettings)),
        new(CvatSettings.SectionPath, true, typeof(CvatSettings)),
        new(SparkConnectSettings.SectionPath, true, typeof(SparkConnectSettings)),
    ];
}

/// <summary>The switch rule for the data-platform systems: an endpoint registers a client, tuning keys never do.</summary>
public sealed class DataPlatformSwitchRuleTests
{
    [Fact]
    public void Without_endpoints_no_client_is_registered()
    {
        using var provider = PlatformHost.Build(new Dictionary<string, string?>
        {
            ["DataPlatform:KafkaConnect:Username"] = "admin",
            ["DataPlatform:Airflow:Version"] = "Airflow3",
            ["DataPlatform:Airflow:PollInterval"] = "00:00:01",
            ["DataPlatform:Flume:MaxBatchSize"] = "10",
            ["DataPlatform:LabelStudio:ApiKey"] = "key",
            ["DataPlatform:Superset:PageSize"] = "10",
            ["DataPlatform:Flink:PollInterval"] = "00:00:05",
            ["DataPlatform:Cvat:Organization"] = "vision-team",
            ["DataPlatform:SparkConnect:UserId"] = "etl",
            ["DataPlatform:SparkConnect:MaxReattachAttempts"] = "5",
        }, p => p.AddDataPlatform());

        Assert.Null(provider.GetService<IKafkaConnectClient>());
        Assert.Null(provider.GetService<IAirflowClient>());
        Assert.Null(provider.GetService<IFlumeClient>());
        Assert.Null(provider.GetService<ILabelStudioClient>());
        Assert.Null(provider.GetService<ISupersetClient>());
        Assert.Null(provider.GetService<IFlinkClient>());
        Assert.Null(provider.GetService<ICvatClient>());
        Assert.Null(provider.GetService<ISparkConnectClient>());
    }

    [Fact]
    public void An_endpoint_registers_the_system_client()
    {
        using var provider = PlatformHost.Build(
            new Dictionary<string, string?> { ["DataPlatform:KafkaConnect:Endpoint"] = "http://connect:8083", ["DataPlatform:Airflow:Endpoint"] = "http://airflow:8080" },
            p => p.AddDataPlatform());
        using var flume = PlatformHost.Build(
            new Dictionary<string, string?> { ["DataPlatform:Flume:Endpoint"] = "http://flume:5140", ["DataPlatform:LabelStudio:Endpoint"] = "http://label-studio:8080", ["DataPlatform:Superset:Endpoint"] = "http://superset:8088", ["DataPlatform:Flink:Endpoint"] = "http://flink-jobmanager:8081", ["DataPlatform:Cvat:Endpoint"] = "http://cvat:8080", ["DataPlatform:SparkConnect:Endpoint"] = "http://spark:15002" },
            p => p.AddDataPlatform());

        Assert.NotNull(provider.GetService<IKafkaConnectClient>());
        Assert.NotNull(provider.GetService<IAirflowClient>());
        Assert.NotNull(flume.GetService<IFlumeClient>());
        Assert.NotNull(flume.GetService<ILabelStudioClient>());
        Assert.NotNull(flume.GetService<ISupersetClient>());
        Assert.NotNull(flume.GetService<IFlinkClient>());
        Assert.Null(provider.GetService<IFlinkClient>());
        Assert.NotNull(flume.GetService<ICvatClient>());
        Assert.Null(flume.GetService<IAirflowClient>());
        Assert.NotNull(flume.GetService<ISparkConnectClient>());
        Assert.Null(provider.GetService<ISparkConnectClient>());
    }

    [Fact]
    public void A_password_without_a_user_fails_naming_the_key()
    {
        using var provider = PlatformHost.Build(
            new Dictionary<string, string?> { ["DataPlatform:KafkaConnect:Endpoint"] = "http://connect:8083", ["DataPlatform:KafkaConnect:Password"] = "x" },
            p => p.AddKafkaConnect());

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<KafkaConnectSettings>>().Get(Options.DefaultName));

        Assert.Contains("AiPlatform:DataPlatform:KafkaConnect:Username", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_without_an_endpoint_fails_naming_the_key()
    {
        using var provider = PlatformHost.Build(new Dictionary<string, string?>(), p => p.AddKafkaConnect());

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<KafkaConnectSettings>>().Get(Options.DefaultName));

        Assert.Contains("AiPlatform:DataPlatform:KafkaConnect:Endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_airflow_user_without_a_password_fails_naming_the_key()
    {
        using var provider = PlatformHost.Build(
            new Dictionary<string, string?> { ["DataPlatform:Airflow:Endpoint"] = "http://airflow:8080", ["DataPlatform:Airflow:Username"] = "admin" },
            p => p.AddAirflow());

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<AirflowSettings>>().Get(Options.DefaultName));

        Assert.Contains("AiPlatform:DataPlatform:Airflow:Password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_legacy_key_declared_a_personal_access_token_fails_naming_the_key()
    {
        using var provider = PlatformHost.Build(
            new Dictionary<string, string?>
            {
                ["DataPlatform:LabelStudio:Endpoint"] = "http://label-studio:8080",
                ["DataPlatform:LabelStudio:ApiKey"] = "0123456789abcdef",
                ["DataPlatform:LabelStudio:TokenKind"] = "PersonalAccessToken",
            },
            p => p.AddLabelStudio());

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<LabelStudioSettings>>().Get(Options.DefaultName));

        Assert.Contains("AiPlatform:DataPlatform:LabelStudio:ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cvat_token_beside_a_user_fails_naming_the_key()
    {
        using var provider = PlatformHost.Build(
            new Dictionary<string, string?> { ["DataPlatform:Cvat:Endpoint"] = "http://cvat:8080", ["DataPlatform:Cvat:AccessToken"] = "t", ["DataPlatform:Cvat:Username"] = "u" },
            p => p.AddCvat());

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<CvatSettings>>().Get(Options.DefaultName));

        Assert.Contains("AiPlatform:DataPlatform:Cvat:AccessToken", error.Message, StringComparison.Ordinal);
    }
}
