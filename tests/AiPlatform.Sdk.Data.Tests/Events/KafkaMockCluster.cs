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

    public void Dispose() => _owner.Dispose();

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
