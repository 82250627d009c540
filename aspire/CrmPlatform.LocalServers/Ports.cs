using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CrmPlatform.LocalServers;

/// <summary>Loopback ports for servers we start.</summary>
public static class Ports
{
    // Below the kernel's ephemeral range (32768 and up by default), so no outgoing connection lands on a port
    // between our pick and the server's bind, as it could on a port the kernel handed out.
    private const int First = 20_000;
    private const int Last = 32_767;

    // A port handed out stays reserved by a lock on its file for the life of this process, so that another of our
    // processes (test projects run side by side) cannot pick it while our server is still starting or restarting.
    private static readonly string Reservations = Path.Combine(Path.GetTempPath(), $"crm-ports-{Environment.UserName}");
    private static readonly ConcurrentBag<FileStream> Held = [];

    /// <summary>A port nothing listens on, reserved for this process: no other process of ours picks it.</summary>
    public static int Free()
    {
        Directory.CreateDirectory(Reservations);
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var port = Random.Shared.Next(First, Last + 1);
            if (TryReserve(port) is { } reservation)
            {
                if (IsFree(port))
                {
                    Held.Add(reservation);
                    return port;
                }

                reservation.Dispose();
            }
        }

        throw new InvalidOperationException($"no free loopback port between {First} and {Last}");
    }

    private static FileStream? TryReserve(int port)
    {
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock) on Unix; it goes away with the process.
            return new FileStream(Path.Combine(Reservations, port.ToString(CultureInfo.InvariantCulture)), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary><paramref name="preferred"/> when it is free (stable URLs across runs), otherwise any free port;
    /// reserved as <see cref="Free"/> reserves, so that a test process beside us cannot pick it before our server binds.</summary>
    public static int PreferredOrFree(int preferred)
    {
        Directory.CreateDirectory(Reservations);
        if (TryReserve(preferred) is { } reservation)
        {
            if (IsFree(preferred))
            {
                Held.Add(reservation);
                return preferred;
            }

            reservation.Dispose();
        }

        return Free();
    }

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
