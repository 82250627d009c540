using System.Net;
using System.Net.Sockets;

namespace CrmPlatform.LocalServers;

/// <summary>Loopback ports for servers we start.</summary>
public static class Ports
{
    /// <summary>A port the kernel says is free now.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary><paramref name="preferred"/> when it is free (stable URLs across runs), otherwise any free port.</summary>
    public static int PreferredOrFree(int preferred) => IsFree(preferred) ? preferred : Free();

    /// <summary>True when nothing listens on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>True when something accepts connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
