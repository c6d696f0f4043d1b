using System.Runtime.CompilerServices;

// The embed benchmark checks token-id parity against the reference on its corpus with the internal tokenizer.
[assembly: InternalsVisibleTo("AiPlatform.Sdk.Benchmarks")]
