using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace AiPlatform.Sdk.Data.Tests.Events;

/// <summary>
/// librdkafka's mock cluster, created in this process by a producer with <c>test.mock.num.brokers</c>; other clients connect to the
/// brokers' addresses read from its metadata. Only produce, consume, group and commit calls are used (the mock has no admin APIs).
/// </summary>
public sealed partial class KafkaMockCluster : IDisposable
{
    private readonly IProducer<Null, string> _owner;

    public KafkaMockCluster()
    {
        var config = new ProducerConfig { BootstrapServers = "unused:9092" };
        config.Set("test.mock.num.brokers", "3");
        _owner = new ProducerBuilder<Null, string>(config).SetLogHandler((_, _) => { }).Build();
        using var admin = new DependentAdminClientBuilder(_owner.Handle).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        BootstrapServers = string.Join(',', metadata.Brokers.Select(b => $"{b.Host}:{b.Port}"));
    }

    public string BootstrapServers { get; }

    /// <summary>Takes one broker of the cluster down (connections refused) or brings it back, through librdkafka's mock API.</summary>
    /// <param name="brokerId">The broker id, 1 to 3.</param>
    /// <param name="up">Whether the broker should serve.</param>
    public void SetBroker(int brokerId, bool up)
    {
        var cluster = MockApi.Cluster(_owner.Handle);
        var error = up ? MockApi.rd_kafka_mock_broker_set_up(cluster, brokerId) : MockApi.rd_kafka_mock_broker_set_down(cluster, brokerId);
        if (error != 0)
        {
            throw new InvalidOperationException($"The mock cluster refused to change broker {brokerId}: error {error}.");
        }
    }

    /// <summary>Creates <paramref name="topic"/> with <paramref name="partitions"/> partitions, each replicated on the three brokers.</summary>
    public void CreateTopic(string topic, int partitions) =>
        Check(MockApi.rd_kafka_mock_topic_create(MockApi.Cluster(_owner.Handle), topic, partitions, 3), $"create topic {topic}");

    /// <summary>Makes broker <paramref name="brokerId"/> the leader of a partition.</summary>
    public void SetLeader(string topic, int partition, int brokerId) =>
        Check(MockApi.rd_kafka_mock_partition_set_leader(MockApi.Cluster(_owner.Handle), topic, partition, brokerId), $"move the leader of {topic}/{partition}");

    /// <summary>The broker that leads a partition, as the cluster's metadata reports it to clients.</summary>
    public int LeaderOf(string topic, int partition)
    {
        using var admin = new DependentAdminClientBuilder(_owner.Handle).Build();
        return admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Single(p => p.PartitionId == partition).Leader;
    }

    public void Dispose() => _owner.Dispose();

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"The mock cluster could not {what}: error {error}.");
        }
    }

    private static partial class MockApi
    {
        private const string Library = "librdkafka";

        static MockApi() =>
            NativeLibrary.SetDllImportResolver(typeof(MockApi).Assembly, (name, _, _) => name == Library ? LoadedLibrdkafka() : IntPtr.Zero);

        public static IntPtr Cluster(Handle handle)
        {
            const BindingFlags Flags = BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance;
            var safe = (SafeHandle)(handle.GetType().GetProperty("LibrdkafkaHandle", Flags)?.GetValue(handle)
                ?? handle.GetType().GetField("LibrdkafkaHandle", Flags)!.GetValue(handle)!);
            var cluster = rd_kafka_handle_mock_cluster(safe.DangerousGetHandle());
            return cluster != IntPtr.Zero ? cluster : throw new InvalidOperationException("The handle has no mock cluster.");
        }

        [LibraryImport(Library)]
        public static partial int rd_kafka_mock_broker_set_down(IntPtr cluster, int brokerId);

        [LibraryImport(Library)]
        public static partial int rd_kafka_mock_broker_set_up(IntPtr cluster, int brokerId);

        [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int rd_kafka_mock_topic_create(IntPtr cluster, string topic, int partitionCount, int replicationFactor);

        [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int rd_kafka_mock_partition_set_leader(IntPtr cluster, string topic, int partition, int brokerId);

        [LibraryImport(Library)]
        private static partial IntPtr rd_kafka_handle_mock_cluster(IntPtr kafka);

        /// <summary>The librdkafka build Confluent.Kafka loaded (it picks among several), so that the mock API acts on the same cluster.</summary>
        private static IntPtr LoadedLibrdkafka()
        {
            var path = File.ReadLines("/proc/self/maps")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length >= 6 && fields[5].Contains(Library, StringComparison.Ordinal))
                .Select(fields => fields[5])
                .FirstOrDefault();
            return path is null ? IntPtr.Zero : NativeLibrary.Load(path);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<KafkaMockCluster>
{
    public const string Name = "kafka-mock";
}
