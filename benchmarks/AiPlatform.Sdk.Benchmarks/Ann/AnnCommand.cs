namespace AiPlatform.Sdk.Benchmarks.Ann;

internal static class AnnCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("AnnCommand is not written yet.");
        return Task.FromResult(2);
    }
}
