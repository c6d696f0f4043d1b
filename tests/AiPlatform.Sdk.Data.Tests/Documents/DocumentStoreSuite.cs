using AiPlatform.Sdk.Data.Documents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiPlatform.Sdk.Data.Tests.Documents;

/// <summary>The behaviour every document provider shares; one subclass per provider.</summary>
public abstract class DocumentStoreSuite : IDisposable
{
    private readonly Lazy<IHost> _host;

    protected DocumentStoreSuite()
    {
        Collection = new DocumentCollection<Article>($"articles_{Guid.NewGuid():N}"[..20], TestJsonContext.Default.Article)
            .HasIndex(a => a.Category)
            .HasIndex(a => a.Title, unique: true);
        _host = new Lazy<IHost>(() => TestHost.Build(Settings, data => data.AddDocumentCollection(Collection)));
    }

    protected DocumentCollection<Article> Collection { get; }

    /// <summary>Why the provider cannot run here, or <see langword="null"/>.</summary>
    protected virtual string? SkipReason => null;

    protected abstract IReadOnlyDictionary<string, string?> Settings { get; }

    protected IDocumentStore<Article> Store
    {
        get
        {
            Skip.If(SkipReason is not null, SkipReason);
            return _host.Value.Services.GetRequiredService<IDocumentStore<Article>>();
        }
    }

    public void Dispose()
    {
        if (_host.IsValueCreated)
        {
            _host.Value.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task Insert_then_get_returns_the_document_at_version_1()
    {
        var article = new Article("Attention", "ml", 10, ["nlp"]);

        var inserted = await Store.InsertAsync("a1", article);
        var read = await Store.GetAsync("a1");

        Assert.Equal(1, inserted.Version);
        Assert.Equal(1, read!.Version);
        Assert.Equal(article.Title, read.Document.Title);
        Assert.Equal(article.Tags, read.Document.Tags);
    }

    [SkippableFact]
    public async Task Get_of_a_missing_document_returns_null()
    {
        Assert.Null(await Store.GetAsync("missing"));
    }

    [SkippableFact]
    public async Task Inserting_an_existing_id_is_a_conflict()
    {
        await Store.InsertAsync("dup", new Article("One", "a", 1, []));

        await Assert.ThrowsAsync<AiPlatformConflictException>(() => Store.InsertAsync("dup", new Article("Two", "a", 1, [])));
    }

    [SkippableFact]
    public async Task Unique_index_rejects_a_second_document_with_the_same_value()
    {
        await Store.InsertAsync("u1", new Article("Same title", "a", 1, []));

        await Assert.ThrowsAsync<AiPlatformConflictException>(() => Store.InsertAsync("u2", new Article("Same title", "b", 2, [])));
    }

    [SkippableFact]
    public async Task Replace_at_the_current_version_increments_it()
    {
        var inserted = await Store.InsertAsync("r1", new Article("Draft", "a", 1, []));

        var replaced = await Store.ReplaceAsync("r1", new Article("Final", "a", 2, []), inserted.Version);
        var read = await Store.GetAsync("r1");

        Assert.Equal(2, replaced.Version);
        Assert.Equal("Final", read!.Document.Title);
        Assert.Equal(2, read.Version);
    }

    [SkippableFact]
    public async Task Replace_at_a_stale_version_is_a_conflict_and_changes_nothing()
    {
        await Store.InsertAsync("r2", new Article("Original", "a", 1, []));
        await Store.ReplaceAsync("r2", new Article("First writer", "a", 1, []), 1);

        await Assert.ThrowsAsync<AiPlatformConflictException>(() => Store.ReplaceAsync("r2", new Article("Second writer", "a", 1, []), 1));

        Assert.Equal("First writer", (await Store.GetAsync("r2"))!.Document.Title);
    }

    [SkippableFact]
    public async Task Replace_of_a_missing_document_is_not_found()
    {
        await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => Store.ReplaceAsync("nobody", new Article("x", "a", 1, []), 1));
    }

    [SkippableFact]
    public async Task Delete_checks_the_version_when_given()
    {
        await Store.InsertAsync("d1", new Article("Delete me", "a", 1, []));

        await Assert.ThrowsAsync<AiPlatformConflictException>(() => Store.DeleteAsync("d1", expectedVersion: 7));
        var deleted = await Store.DeleteAsync("d1", expectedVersion: 1);
        var again = await Store.DeleteAsync("d1");

        Assert.True(deleted);
        Assert.False(again);
        Assert.Null(await Store.GetAsync("d1"));
    }

    [SkippableFact]
    public async Task Query_filters_sorts_and_pages()
    {
        await SeedAsync();

        var page = await Store.QueryAsync(Collection.Query()
                .Where(f => f.And(f.Eq(a => a.Category, "ml"), f.Gte(a => a.Views, 20)))
                .OrderBy(a => a.Views, descending: true)
                .Page(1, 2))
            .Select(d => d.Id).ToListAsync();

        Assert.Equal(["m3", "m2"], page);
    }

    [SkippableFact]
    public async Task Query_supports_in_or_and_not_equal()
    {
        await SeedAsync();

        var inCategories = await Store.QueryAsync(Collection.Query().Where(f => f.In(a => a.Category, "db", "web"))).Select(d => d.Id).ToListAsync();
        var either = await Store.QueryAsync(Collection.Query().Where(f => f.Or(f.Lt(a => a.Views, 15), f.Eq(a => a.Title, "Web 1"))))
            .Select(d => d.Id).ToListAsync();
        var notMl = await Store.QueryAsync(Collection.Query().Where(f => f.Ne(a => a.Category, "ml"))).Select(d => d.Id).ToListAsync();

        Assert.Equal(["d1", "w1"], inCategories);
        Assert.Equal(["d1", "m1", "w1"], either);
        Assert.Equal(["d1", "w1"], notMl);
    }

    [SkippableFact]
    public async Task Query_without_a_filter_returns_everything_by_id()
    {
        await SeedAsync();

        var all = await Store.QueryAsync().Select(d => d.Id).ToListAsync();

        Assert.Equal(["d1", "m1", "m2", "m3", "m4", "w1"], all);
    }

    [SkippableFact]
    public async Task Invalid_ids_are_rejected()
    {
        await Assert.ThrowsAsync<AiPlatformValidationException>(() => Store.InsertAsync("bad\0id", new Article("x", "a", 1, [])));
    }

    private async Task SeedAsync()
    {
        await Store.InsertAsync("m1", new Article("ML 1", "ml", 10, []));
        await Store.InsertAsync("m2", new Article("ML 2", "ml", 20, []));
        await Store.InsertAsync("m3", new Article("ML 3", "ml", 30, []));
        await Store.InsertAsync("m4", new Article("ML 4", "ml", 40, []));
        await Store.InsertAsync("d1", new Article("DB 1", "db", 5, []));
        await Store.InsertAsync("w1", new Article("Web 1", "web", 50, []));
    }
}
