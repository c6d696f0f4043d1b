namespace AiPlatform.Sdk.Analyzers;

/// <summary>Where each rule is documented: its anchor in the repository's analyzer reference.</summary>
internal static class HelpLinks
{
    /// <summary>The repository-relative link of a rule's section of <c>docs/analyzers.md</c>.</summary>
    public static string For(string id) => "docs/analyzers.md#" + id.ToLowerInvariant();
}
