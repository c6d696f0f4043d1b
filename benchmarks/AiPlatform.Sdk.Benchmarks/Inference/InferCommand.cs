namespace AiPlatform.Sdk.Benchmarks.Inference;

internal static class InferCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("InferCommand is not written yet.");
        return Task.FromResult(2);
    }
}
