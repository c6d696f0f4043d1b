using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AiPlatform.Sdk.Analyzers.Tests;

/// <summary>Runs an analyzer over source with .NET 10 reference assemblies supplied offline (no download at test time).</summary>
internal static class AnalyzerTest<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAsync(source, [], expected);

    /// <summary>Runs the analyzer over source and additional files (name, content); markup in either marks the expected spans.</summary>
    public static Task VerifyAsync(string source, (string Name, string Content)[] additionalFiles, params DiagnosticResult[] expected) =>
        RunAsync(source, additionalFiles, OutputKind.DynamicallyLinkedLibrary, expected);

    /// <summary>Runs the analyzer over the source of a console application, which may use top-level statements.</summary>
    public static Task VerifyProgramAsync(string source, params DiagnosticResult[] expected) =>
        RunAsync(source, [], OutputKind.ConsoleApplication, expected);

    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

    public static DiagnosticResult Info(string id) => new DiagnosticResult(id, DiagnosticSeverity.Info);

    private static Task RunAsync(string source, (string Name, string Content)[] additionalFiles, OutputKind outputKind, DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.OutputKind = outputKind;
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        foreach (var file in additionalFiles)
        {
            test.TestState.AdditionalFiles.Add(file);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}

/// <summary>Runs an analyzer and its code fix: the diagnostics of <c>source</c>, then <c>fixedSource</c> after every fix is applied.</summary>
internal static class CodeFixTest<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
        RunAsync(source, fixedSource, OutputKind.DynamicallyLinkedLibrary, expected);

    /// <summary>Runs the analyzer and its code fix over the source of a console application, which may use top-level statements.</summary>
    public static Task VerifyProgramAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
        RunAsync(source, fixedSource, OutputKind.ConsoleApplication, expected);

    /// <summary>Runs the analyzer and checks that the fix leaves <c>source</c>, and its diagnostics, as they are.</summary>
    public static Task VerifyNoFixAsync(string source, params DiagnosticResult[] expected)
    {
        var test = Create(source, source, OutputKind.DynamicallyLinkedLibrary);
        test.ExpectedDiagnostics.AddRange(expected);
        test.FixedState.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task RunAsync(string source, string fixedSource, OutputKind outputKind, DiagnosticResult[] expected)
    {
        var test = Create(source, fixedSource, outputKind);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> Create(string source, string fixedSource, OutputKind outputKind)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        test.FixedState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        test.TestState.OutputKind = outputKind;
        test.FixedState.OutputKind = outputKind;
        return test;
    }
}
