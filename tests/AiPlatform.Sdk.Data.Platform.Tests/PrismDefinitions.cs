using AiPlatform.Sdk.Testing;

namespace AiPlatform.Sdk.Data.Platform.Tests;

/// <summary>Prism serving the Kafka Connect definition.</summary>
public sealed class KafkaConnectPrism : PrismServer
{
    protected override string Definition => "kafka-connect.yaml";
}

/// <summary>Prism serving the Airflow 2 definition.</summary>
public sealed class Airflow2Prism : PrismServer
{
    protected override string Definition => "airflow-2.yaml";
}

/// <summary>Prism serving the Airflow 3 definition.</summary>
public sealed class Airflow3Prism : PrismServer
{
    protected override string Definition => "airflow-3.yaml";
}

/// <summary>Prism serving the Flume HTTP source definition.</summary>
public sealed class FlumePrism : PrismServer
{
    protected override string Definition => "flume-http-source.yaml";
}

/// <summary>Prism serving the Label Studio definition.</summary>
public sealed class LabelStudioPrism : PrismServer
{
    protected override string Definition => "label-studio.yaml";
}

/// <summary>Prism serving the Superset definition.</summary>
public sealed class SupersetPrism : PrismServer
{
    protected override string Definition => "superset.yaml";
}

/// <summary>Prism serving the Flink JobManager definition.</summary>
public sealed class FlinkPrism : PrismServer
{
    protected override string Definition => "flink.yaml";
}

/// <summary>Prism serving the CVAT definition.</summary>
public sealed class CvatPrism : PrismServer
{
    protected override string Definition => "cvat.yaml";
}
