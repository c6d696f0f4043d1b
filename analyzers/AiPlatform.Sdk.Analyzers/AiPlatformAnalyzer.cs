using Microsoft.CodeAnalysis.Diagnostics;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// The base of every AiPlatform analyzer: it analyzes user code only (generated code is skipped) and lets its actions run
/// concurrently, then registers the rule's own actions.
/// </summary>
public abstract class AiPlatformAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        Register(context);
    }

    /// <summary>Registers the rule's actions on a context already set up for user code.</summary>
    private protected abstract void Register(AnalysisContext context);
}
