using System.Net;
using System.Net.Sockets;

namespace AiPlatform.Sdk.Testing;

/// <summary>Free TCP ports on 127.0.0.1 for servers a test starts as child processes.</summary>
public static class LoopbackPort
{
    /// <summary>A port that was free a moment ago (the OS chose it); the caller's server binds it next.</summary>
    /// <returns>The port number.</returns>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
