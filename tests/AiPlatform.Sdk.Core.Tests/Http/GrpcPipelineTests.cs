using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Core.Tests.Http;

public sealed class GrpcPipelineTests
{
    /// <summary>A health service that is unavailable for its first calls and records the authorization it receives.</summary>
    private sealed class FlakyHealthService(int failures, StatusCode failure) : Health.HealthBase
    {
        public int Calls;
        public List<string> Authorizations { get; } = [];

        public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
        {
            lock (Authorizations)
            {
                Authorizations.Add(context.RequestHeaders.GetValue("authorization") ?? string.Empty);
            }

            return Interlocked.Increment(ref Calls) <= failures
                ? throw new RpcException(new Status(failure, "warming up"))
                : Task.FromResult(new HealthCheckResponse { Status = HealthCheckResponse.Types.ServingStatus.Serving });
        }
    }

    private static async Task<(KestrelTestServer Server, ServiceProvider Services)> StartAsync(FlakyHealthService service)
    {
        var server = await KestrelTestServer.StartAsync(
            app => app.MapGrpcService<FlakyHealthService>(),
            services => services.AddGrpc().Services.AddSingleton(service),
            HttpProtocols.Http2);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:Echo:Endpoint"] = server.BaseAddress.ToString(),
            ["AiPlatform:Resilience:RetryDelay"] = "00:00:00.010",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<Authentication.IAccessTokenProvider>(new CountingTokenProvider());
        var platform = collection.AddAiPlatformCore(configuration);
        platform.AddSettings<EchoSettings>("Echo");
        platform.AddPlatformGrpcClient<Health.HealthClient, EchoSettings>("echo-grpc");
        return (server, collection.BuildServiceProvider());
    }

    [Fact]
    public async Task Unavailable_is_retried_and_the_bearer_token_travels_as_metadata()
    {
        var service = new FlakyHealthService(2, StatusCode.Unavailable);
        var (server, services) = await StartAsync(service);
        await using var _ = server;
        await using var __ = services;

        var response = await services.GetRequiredService<Health.HealthClient>().CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
        Assert.Equal(3, service.Calls);
        Assert.All(service.Authorizations, a => Assert.Equal("Bearer token-1", a));
    }

    [Fact]
    public async Task Other_failures_are_not_retried_and_map_to_typed_exceptions()
    {
        var service = new FlakyHealthService(5, StatusCode.InvalidArgument);
        var (server, services) = await StartAsync(service);
        await using var _ = server;
        await using var __ = services;

        var rpc = await Assert.ThrowsAsync<RpcException>(async () =>
            await services.GetRequiredService<Health.HealthClient>().CheckAsync(new HealthCheckRequest()));
        var error = AiPlatformErrors.FromRpc(rpc, "echo-grpc", "Check");

        Assert.Equal(1, service.Calls);
        Assert.IsType<AiPlatformValidationException>(error);
        Assert.Equal("warming up", error.ServerMessage);
    }
}
