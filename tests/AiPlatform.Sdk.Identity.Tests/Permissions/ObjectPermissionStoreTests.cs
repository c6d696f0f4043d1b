using AiPlatform.Sdk.Identity.Permissions;

namespace AiPlatform.Sdk.Identity.Tests.Permissions;

/// <summary>The behaviour every permission store shares; one subclass per store.</summary>
public abstract class ObjectPermissionStoreTests
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    protected abstract IObjectPermissionStore Store { get; }

    private string Object(string name) => $"dataset:{name}-{_id}";

    private string User(string name) => $"user:{name}-{_id}";

    [Fact]
    public async Task Granted_permission_is_found_for_the_subject_only()
    {
        await Store.GrantAsync(new ObjectPermission(User("alice"), "read", Object("42")));

        Assert.True(await Store.HasPermissionAsync([User("alice")], "read", Object("42")));
        Assert.False(await Store.HasPermissionAsync([User("bob")], "read", Object("42")));
        Assert.False(await Store.HasPermissionAsync([User("alice")], "write", Object("42")));
        Assert.False(await Store.HasPermissionAsync([User("alice")], "read", Object("43")));
    }

    [Fact]
    public async Task Any_of_the_callers_subjects_may_hold_the_permission()
    {
        var group = $"group:analysts-{_id}";
        await Store.GrantAsync(new ObjectPermission(group, "read", Object("7")));

        Assert.True(await Store.HasPermissionAsync([User("carol"), group], "read", Object("7")));
    }

    [Fact]
    public async Task Revoked_permission_is_gone_and_revoking_again_reports_it()
    {
        var grant = new ObjectPermission(User("dave"), "write", Object("9"));
        await Store.GrantAsync(grant);
        await Store.GrantAsync(grant);

        var first = await Store.RevokeAsync(grant);
        var second = await Store.RevokeAsync(grant);

        Assert.True(first);
        Assert.False(second);
        Assert.False(await Store.HasPermissionAsync([grant.Subject], "write", grant.ObjectId));
    }

    [Fact]
    public async Task Listings_show_what_a_subject_may_access_and_who_may_access_an_object()
    {
        await Store.GrantAsync(new ObjectPermission(User("erin"), "write", Object("b")));
        await Store.GrantAsync(new ObjectPermission(User("erin"), "read", Object("a")));
        await Store.GrantAsync(new ObjectPermission(User("frank"), "read", Object("a")));

        var erin = await Store.ListForSubjectAsync(User("erin")).ToListAsync();
        var onA = await Store.ListForObjectAsync(Object("a")).ToListAsync();

        Assert.Equal([new(User("erin"), "read", Object("a")), new(User("erin"), "write", Object("b"))], erin);
        Assert.Equal([User("erin"), User("frank")], onA.Select(g => g.Subject));
    }

    [Theory]
    [InlineData("alice", "read", "dataset:1")]
    [InlineData("user:alice", "read", "dataset")]
    [InlineData("user:alice", " ", "dataset:1")]
    public async Task Malformed_grants_are_rejected(string subject, string permission, string objectId)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.GrantAsync(new ObjectPermission(subject, permission, objectId)));
    }
}
