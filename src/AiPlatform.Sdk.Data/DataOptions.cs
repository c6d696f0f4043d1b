using AiPlatform.Sdk.Data.Cache;
using AiPlatform.Sdk.Data.Documents;
using AiPlatform.Sdk.Data.Events;
using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Data.Relational;

namespace AiPlatform.Sdk.Data;

/// <summary>
/// Code-first settings of the Data layer. Each delegate is applied after the matching configuration section
/// (<c>AiPlatform:Data:ObjectStore</c>, <c>:Events</c>, <c>:Documents</c>, <c>:Postgres</c>, <c>:Redis</c>), so code wins.
/// Setting <see cref="Postgres"/> turns on the relational metadata source even without configuration.
/// </summary>
public sealed class DataOptions
{
    /// <summary>Changes the default object store's settings.</summary>
    public Action<ObjectStoreSettings>? ObjectStore { get; set; }

    /// <summary>Changes the event stream's settings.</summary>
    public Action<EventStreamSettings>? Events { get; set; }

    /// <summary>Changes the document store's settings.</summary>
    public Action<DocumentStoreSettings>? Documents { get; set; }

    /// <summary>Changes the PostgreSQL metadata source's settings, and turns it on.</summary>
    public Action<PostgresSettings>? Postgres { get; set; }

    /// <summary>Changes the cache's settings.</summary>
    public Action<CacheSettings>? Redis { get; set; }
}
