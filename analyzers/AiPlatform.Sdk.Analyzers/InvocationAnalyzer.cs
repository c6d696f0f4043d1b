using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>The base of an AiPlatform analyzer that looks at every method invocation of user code, one at a time.</summary>
public abstract class InvocationAnalyzer : AiPlatformAnalyzer
{
    /// <inheritdoc/>
    private protected sealed override void Register(AnalysisContext context) =>
        context.RegisterOperationAction(c => Analyze(c, (IInvocationOperation)c.Operation), OperationKind.Invocation);

    /// <summary>Analyzes one invocation, reporting on <paramref name="context"/>.</summary>
    private protected abstract void Analyze(OperationAnalysisContext context, IInvocationOperation operation);
}
