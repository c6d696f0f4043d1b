using System.Diagnostics;
using System.Diagnostics.Metrics;
using AiPlatform.Sdk.Data.Diagnostics;
using AiPlatform.Sdk.Telemetry;

namespace AiPlatform.Sdk.Data.Events;

/// <summary>
/// The embedded event stream: each topic is an in-memory log with one committed position per consumer group; one consumer of
/// a group is active at a time, the others stand by. Memory is bounded, never by waiting: at most
/// <see cref="EventStreamSettings.Capacity"/> events per topic, <see cref="EventStreamSettings.MaxBytes"/> bytes over all topics
/// and <see cref="EventStreamSettings.MaxTopics"/> topics. When a publish would pass a bound, the oldest retained events are
/// dropped (counted by <c>aiplatform.events.dropped</c>; consumers behind them skip ahead), or, with
/// <see cref="EventStreamSettings.DropOldestWhenFull"/> off, the publish fails at once with <see cref="AiPlatformThrottledException"/> (507).
/// </summary>
internal sealed class InProcessEventStream : IEventStream, IHealthProbe, IDisposable
{
    private const string Service = "events";
    private const int StatusFull = 507;
    private readonly Dictionary<string, TopicLog> _topics = [];
    private readonly Lock _gate = new();
    private readonly EventDispatcher _dispatcher;
    private readonly ConsumerLag _lag;
    private readonly Meter _meter = new(AiPlatformTelemetry.Data);
    private readonly Counter<long> _dropped;
    private long _bytes;

    public InProcessEventStream(EventDispatcher dispatcher, ConsumerLag lag)
    {
        _dispatcher = dispatcher;
        _lag = lag;
        _dropped = _meter.CreateCounter<long>("aiplatform.events.dropped", "{event}", "In-process events dropped unconsumed to keep the bus within its bounds.");
    }

    private EventStreamSettings Settings => _dispatcher.Settings;

    public Task PublishAsync(string topic, StreamEvent message, CancellationToken cancellationToken = default) =>
        _dispatcher.PublishAsync(topic, message, stamped =>
        {
            Append(topic, stamped);
            return Task.CompletedTask;
        });

    public async Task ConsumeAsync(string topic, string group, StreamEventHandler handler, CancellationToken cancellationToken)
    {
        EventDispatcher.Validate(topic, "Consume");
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentNullException.ThrowIfNull(handler);
        TopicLog log;
        SemaphoreSlim member;
        lock (_gate)
        {
            // Found and joined at once, so that the topic is never forgotten as idle in between.
            log = FindOrCreate(topic, "Consume");
            member = log.Register(group);
        }

        await member.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var membership = new Membership(member);
        while (!cancellationToken.IsCancellationRequested)
        {
            StreamEvent message;
            try
            {
                message = await log.NextAsync(group, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            _lag.Set(topic, group, 0, log.Lag(group));
            StreamEvent? deadLetter;
            try
            {
                deadLetter = await _dispatcher.DispatchAsync(message, handler, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (deadLetter is not null)
            {
                await PublishAsync(_dispatcher.DeadLetterTopic(topic), deadLetter, CancellationToken.None).ConfigureAwait(false);
            }

            log.Commit(group, message.Offset + 1);
            _lag.Set(topic, group, 0, log.Lag(group));
        }
    }

    public Task ProbeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _meter.Dispose();

    private static long SizeOf(StreamEvent message) =>
        message.Payload.Length + (message.Key?.Length ?? 0) + message.Type.Length + message.Headers.Sum(h => h.Key.Length + h.Value.Length);

    private void Append(string topic, StreamEvent message)
    {
        var size = SizeOf(message);
        if (size > Settings.MaxBytes)
        {
            throw Full("Publish", $"An event of {size} bytes is larger than the in-process bus holds (AiPlatform:Data:Events:MaxBytes = {Settings.MaxBytes}).");
        }

        lock (_gate)
        {
            var log = FindOrCreate(topic, "Publish");
            while (log.Count >= Settings.Capacity || _bytes + size > Settings.MaxBytes)
            {
                if (!Settings.DropOldestWhenFull)
                {
                    throw Full("Publish", log.Count >= Settings.Capacity
                        ? $"Topic '{topic}' holds {log.Count} unconsumed events, its limit (AiPlatform:Data:Events:Capacity)."
                        : $"The in-process bus holds {_bytes} bytes of unconsumed events, its limit (AiPlatform:Data:Events:MaxBytes).");
                }

                // The topic at its own limit drops its oldest; a bus at its byte limit drops from the topic holding the most.
                var victim = log.Count >= Settings.Capacity ? log : _topics.Values.MaxBy(t => t.Bytes)!;
                _bytes -= victim.DropOldest();
                _dropped.Add(1, new TagList { { "messaging.destination.name", victim.Topic } });
            }

            log.Add(message, size);
            _bytes += size;
        }
    }

    private TopicLog Log(string topic, string operation)
    {
        lock (_gate)
        {
            return FindOrCreate(topic, operation);
        }
    }

    // Called under the lock.
    private TopicLog FindOrCreate(string topic, string operation)
    {
        if (_topics.TryGetValue(topic, out var log))
        {
            return log;
        }

        if (_topics.Count >= Settings.MaxTopics)
        {
            foreach (var idle in _topics.Values.Where(t => t.IsIdle).Select(t => t.Topic).ToList())
            {
                _topics.Remove(idle);
            }
        }

        if (_topics.Count >= Settings.MaxTopics)
        {
            throw Full(operation, $"The in-process bus holds {_topics.Count} topics, its limit (AiPlatform:Data:Events:MaxTopics).");
        }

        log = new TopicLog(topic, _gate, released => _bytes -= released);
        _topics[topic] = log;
        return log;
    }

    private static AiPlatformThrottledException Full(string operation, string message) =>
        new(Service, operation, message: message, statusCode: StatusFull, errorCode: "EventBusFull");

    /// <summary>One topic: the retained events and their bytes, the offset of the first one, and each group's committed position.</summary>
    private sealed class TopicLog(string topic, Lock gate, Action<long> released)
    {
        private readonly List<(StreamEvent Event, long Size)> _events = [];
        private readonly Dictionary<string, long> _committed = [];
        private readonly Dictionary<string, SemaphoreSlim> _members = [];
        private long _firstOffset;
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Topic => topic;

        public int Count => _events.Count;

        public long Bytes { get; private set; }

        /// <summary>No events and no consumer group: the topic can be forgotten without loss.</summary>
        public bool IsIdle => _events.Count == 0 && _members.Count == 0;

        /// <summary>Appends under the stream's lock.</summary>
        public void Add(StreamEvent message, long size)
        {
            _events.Add((new StreamEvent
            {
                Type = message.Type, Version = message.Version, Key = message.Key, Payload = message.Payload.ToArray(),
                Headers = message.Headers, Topic = topic, Partition = 0, Offset = _firstOffset + _events.Count,
            }, size));
            Bytes += size;
            Signal();
        }

        /// <summary>Drops the oldest event under the stream's lock and returns its size.</summary>
        public long DropOldest()
        {
            var size = _events[0].Size;
            _events.RemoveAt(0);
            _firstOffset++;
            Bytes -= size;
            return size;
        }

        /// <summary>Adds a consumer group under the stream's lock; its members take turns on the returned semaphore.</summary>
        public SemaphoreSlim Register(string group)
        {
            if (!_members.TryGetValue(group, out var member))
            {
                member = new SemaphoreSlim(1, 1);
                _members[group] = member;
            }

            _committed.TryAdd(group, _firstOffset);
            return member;
        }

        public async Task<StreamEvent> NextAsync(string group, CancellationToken cancellationToken)
        {
            while (true)
            {
                Task changed;
                lock (gate)
                {
                    // A group behind dropped events continues with the oldest one retained.
                    var position = Math.Max(_committed[group], _firstOffset);
                    if (position < _firstOffset + _events.Count)
                    {
                        return _events[(int)(position - _firstOffset)].Event;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        public void Commit(string group, long offset)
        {
            lock (gate)
            {
                _committed[group] = Math.Max(_committed[group], offset);
                var trim = (int)Math.Min(_committed.Values.Min() - _firstOffset, _events.Count);
                if (trim > 0)
                {
                    var size = _events.Take(trim).Sum(e => e.Size);
                    _events.RemoveRange(0, trim);
                    _firstOffset += trim;
                    Bytes -= size;
                    released(size);
                }

                Signal();
            }
        }

        public long Lag(string group)
        {
            lock (gate)
            {
                return _firstOffset + _events.Count - Math.Max(_committed[group], _firstOffset);
            }
        }

        private void Signal()
        {
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.SetResult();
        }
    }

    /// <summary>The active consumer's turn in its group, given back when it stops.</summary>
    private sealed class Membership(SemaphoreSlim member) : IDisposable
    {
        public void Dispose() => member.Release();
    }
}
