using AiPlatform.Sdk.Benchmarks.Ann;
using AiPlatform.Sdk.Benchmarks.Embeddings;
using AiPlatform.Sdk.Benchmarks.Inference;
using BenchmarkDotNet.Running;

// Commands: ann (vector index vs USearch), embed (embeddings vs .NET peers), infer (Open Inference Protocol round trips);
// anything else goes to BenchmarkDotNet (for example: -- --filter '*Kernel*').
return args.FirstOrDefault() switch
{
    "ann" => await AnnCommand.RunAsync(args[1..]),
    "embed" => await EmbedCommand.RunAsync(args[1..]),
    "infer" => await InferCommand.RunAsync(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(AnnCommand).Assembly).Run(args);
    return 0;
}
