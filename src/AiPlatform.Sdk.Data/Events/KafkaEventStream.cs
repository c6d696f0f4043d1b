using System.Text;
using AiPlatform.Sdk.Data.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace AiPlatform.Sdk.Data.Events;

/// <summary>
/// The Kafka event stream on Confluent.Kafka: one idempotent producer (acks=all) shared by every publish, and one consumer per
/// <see cref="ConsumeAsync"/> call that commits an event's offset only after its handler succeeded or it was dead-lettered.
/// </summary>
internal sealed partial class KafkaEventStream : IEventStream, IHealthProbe, IDisposable
{
    private const string Service = "events";
    private readonly EventDispatcher _dispatcher;
    private readonly ConsumerLag _lag;
    private readonly ILogger _logger;
    private readonly EventStreamSettings _settings;
    private readonly Lazy<IProducer<byte[]?, byte[]>> _producer;

    public KafkaEventStream(EventDispatcher dispatcher, ConsumerLag lag, ILogger logger)
    {
        _dispatcher = dispatcher;
        _lag = lag;
        _logger = logger;
        _settings = dispatcher.Settings;
        _producer = new Lazy<IProducer<byte[]?, byte[]>>(() => new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
        {
            BootstrapServers = _settings.ConnectionString,
            ClientId = _settings.ClientId,
            EnableIdempotence = true,
            Acks = Acks.All,
            MessageTimeoutMs = (int)_settings.PublishTimeout.TotalMilliseconds,
        }).SetLogHandler((_, m) => LogClient(_logger, m.Facility, m.Message)).Build());
    }

    public Task PublishAsync(string topic, StreamEvent message, CancellationToken cancellationToken = default) =>
        _dispatcher.PublishAsync(topic, message, async stamped =>
        {
            var headers = new Headers();
            foreach (var (name, value) in stamped.Headers)
            {
                headers.Add(name, Encoding.UTF8.GetBytes(value));
            }

            try
            {
                await _producer.Value.ProduceAsync(topic, new Message<byte[]?, byte[]>
                {
                    Key = stamped.Key is null ? null : Encoding.UTF8.GetBytes(stamped.Key),
                    Value = stamped.Payload.ToArray(),
                    Headers = headers,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (KafkaException ex)
            {
                throw Map(ex, "Publish");
            }
        });

    public Task ConsumeAsync(string topic, string group, StreamEventHandler handler, CancellationToken cancellationToken)
    {
        EventDispatcher.Validate(topic, "Consume");
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentNullException.ThrowIfNull(handler);
        return Task.Factory.StartNew(
            () => ConsumeLoop(topic, group, handler, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var admin = new DependentAdminClientBuilder(_producer.Value.Handle).Build();
        try
        {
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(3));
            return metadata.Brokers.Count > 0 ? Task.CompletedTask : throw new AiPlatformException(Service, "Probe", $"{Service} Probe failed: no broker at {_settings.ConnectionString}");
        }
        catch (KafkaException ex)
        {
            throw Map(ex, "Probe");
        }
    }

    public void Dispose()
    {
        if (_producer.IsValueCreated)
        {
            _producer.Value.Flush(TimeSpan.FromSeconds(5));
            _producer.Value.Dispose();
        }
    }

    /// <summary>Polls on its own thread, as librdkafka consumers expect; each event is handled to completion before the next poll.</summary>
    private void ConsumeLoop(string topic, string group, StreamEventHandler handler, CancellationToken cancellationToken)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = _settings.ConnectionString,
            ClientId = _settings.ClientId,
            GroupId = group,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = (int)_settings.SessionTimeout.TotalMilliseconds,
        }).SetLogHandler((_, m) => LogClient(_logger, m.Facility, m.Message)).Build();
        consumer.Subscribe(topic);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                ConsumeResult<byte[]?, byte[]>? result;
                try
                {
                    result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                }
                catch (ConsumeException ex) when (!ex.Error.IsFatal)
                {
                    LogConsumeError(_logger, topic, ex.Error.Reason);
                    continue;
                }

                if (result?.Message is null)
                {
                    continue;
                }

                var message = ToEvent(result);
                StreamEvent? deadLetter;
                try
                {
                    deadLetter = _dispatcher.DispatchAsync(message, handler, cancellationToken).GetAwaiter().GetResult();
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                if (deadLetter is not null)
                {
                    PublishAsync(_dispatcher.DeadLetterTopic(topic), deadLetter, CancellationToken.None).GetAwaiter().GetResult();
                }

                consumer.Commit([new TopicPartitionOffset(result.TopicPartition, result.Offset + 1)]);
                var high = consumer.GetWatermarkOffsets(result.TopicPartition).High;
                if (high != Offset.Unset)
                {
                    _lag.Set(topic, group, result.Partition.Value, high - (result.Offset + 1));
                }
            }
        }
        finally
        {
            consumer.Close();
        }
    }

    private static StreamEvent ToEvent(ConsumeResult<byte[]?, byte[]> result)
    {
        var headers = new Dictionary<string, string>();
        foreach (var header in result.Message.Headers ?? [])
        {
            headers[header.Key] = Encoding.UTF8.GetString(header.GetValueBytes());
        }

        return new StreamEvent
        {
            Type = headers.GetValueOrDefault(EventHeaders.Type) ?? string.Empty,
            Version = int.TryParse(headers.GetValueOrDefault(EventHeaders.Version), out var version) ? version : 1,
            Key = result.Message.Key is null ? null : Encoding.UTF8.GetString(result.Message.Key),
            Payload = result.Message.Value,
            Headers = headers,
            Topic = result.Topic,
            Partition = result.Partition.Value,
            Offset = result.Offset.Value,
        };
    }

    private AiPlatformException Map(KafkaException exception, string operation) => new(
        Service, operation,
        $"{Service} {operation} failed: the Kafka brokers at {_settings.ConnectionString} did not acknowledge ({exception.Error.Code}: {exception.Error.Reason})",
        errorCode: exception.Error.Code.ToString(), innerException: exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "librdkafka {Facility}: {Message}")]
    private static partial void LogClient(ILogger logger, string facility, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consuming {Topic} reported: {Reason}")]
    private static partial void LogConsumeError(ILogger logger, string topic, string reason);
}
