using AiPlatform.Sdk.Data.Diagnostics;

namespace AiPlatform.Sdk.Data.Events;

/// <summary>
/// The embedded event stream: each topic is a bounded in-memory log with one committed position per consumer group. Publishers
/// wait while a topic holds <see cref="EventStreamSettings.Capacity"/> events not yet consumed by every group; one consumer of a
/// group is active at a time, the others stand by.
/// </summary>
internal sealed class InProcessEventStream(EventDispatcher dispatcher, ConsumerLag lag) : IEventStream, IHealthProbe
{
    private readonly Dictionary<string, TopicLog> _topics = [];

    public Task PublishAsync(string topic, StreamEvent message, CancellationToken cancellationToken = default) =>
        dispatcher.PublishAsync(topic, message, stamped => Log(topic).AppendAsync(stamped, cancellationToken));

    public async Task ConsumeAsync(string topic, string group, StreamEventHandler handler, CancellationToken cancellationToken)
    {
        EventDispatcher.Validate(topic, "Consume");
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentNullException.ThrowIfNull(handler);
        var log = Log(topic);
        using var membership = await log.JoinAsync(group, cancellationToken).ConfigureAwait(false);
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

            lag.Set(topic, group, 0, log.Lag(group));
            StreamEvent? deadLetter;
            try
            {
                deadLetter = await dispatcher.DispatchAsync(message, handler, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (deadLetter is not null)
            {
                await PublishAsync(dispatcher.DeadLetterTopic(topic), deadLetter, CancellationToken.None).ConfigureAwait(false);
            }

            log.Commit(group, message.Offset + 1);
            lag.Set(topic, group, 0, log.Lag(group));
        }
    }

    public Task ProbeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private TopicLog Log(string topic)
    {
        lock (_topics)
        {
            if (!_topics.TryGetValue(topic, out var log))
            {
                log = new TopicLog(topic, dispatcher.Settings.Capacity);
                _topics[topic] = log;
            }

            return log;
        }
    }

    /// <summary>One topic: the retained events, the offset of the first one, and each group's committed position.</summary>
    private sealed class TopicLog(string topic, int capacity)
    {
        private readonly List<StreamEvent> _events = [];
        private readonly Dictionary<string, long> _committed = [];
        private readonly Dictionary<string, SemaphoreSlim> _members = [];
        private long _firstOffset;
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task AppendAsync(StreamEvent message, CancellationToken cancellationToken)
        {
            while (true)
            {
                Task changed;
                lock (_events)
                {
                    if (_events.Count < capacity)
                    {
                        _events.Add(new StreamEvent
                        {
                            Type = message.Type, Version = message.Version, Key = message.Key, Payload = message.Payload.ToArray(),
                            Headers = message.Headers, Topic = topic, Partition = 0, Offset = _firstOffset + _events.Count,
                        });
                        Signal();
                        return;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task<IDisposable> JoinAsync(string group, CancellationToken cancellationToken)
        {
            SemaphoreSlim member;
            lock (_events)
            {
                if (!_members.TryGetValue(group, out member!))
                {
                    member = new SemaphoreSlim(1, 1);
                    _members[group] = member;
                }

                _committed.TryAdd(group, _firstOffset);
            }

            await member.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new Release(member);
        }

        public async Task<StreamEvent> NextAsync(string group, CancellationToken cancellationToken)
        {
            while (true)
            {
                Task changed;
                lock (_events)
                {
                    var position = _committed[group];
                    if (position < _firstOffset + _events.Count)
                    {
                        return _events[(int)(position - _firstOffset)];
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        public void Commit(string group, long offset)
        {
            lock (_events)
            {
                _committed[group] = Math.Max(_committed[group], offset);
                var trim = (int)(_committed.Values.Min() - _firstOffset);
                if (trim > 0)
                {
                    _events.RemoveRange(0, trim);
                    _firstOffset += trim;
                }

                Signal();
            }
        }

        public long Lag(string group)
        {
            lock (_events)
            {
                return _firstOffset + _events.Count - _committed[group];
            }
        }

        private void Signal()
        {
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.SetResult();
        }

        private sealed class Release(SemaphoreSlim member) : IDisposable
        {
            public void Dispose() => member.Release();
        }
    }
}
