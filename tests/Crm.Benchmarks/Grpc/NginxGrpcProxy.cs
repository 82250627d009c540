using System.Collections.Concurrent;
using System.Globalization;
using CrmPlatform.LocalServers;

namespace Crm.Benchmarks.Grpc;

/// <summary>
/// nginx (Debian's package) with <c>grpc_pass</c> in front of a gRPC server: the peer the gateway is measured against.
/// It runs in a folder of its own under /tmp, in the foreground, and stops with the benchmark.
/// </summary>
public sealed class NginxGrpcProxy : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _folder;

    private NginxGrpcProxy(ChildProcess process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<NginxGrpcProxy> StartAsync(Uri upstream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var folder = Directory.CreateTempSubdirectory("crm-bench-nginx-").FullName;

        // nginx's workers run as an unprivileged user and must reach their temporary files here.
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var port = Ports.Free();

        // As many workers as cores, as the gateway's thread pool has; upstream connections kept alive, no access log:
        // nginx as one would run it in front of a gRPC service. nginx ends a client connection after 1,000 requests by
        // default, and h2load does not open another: the limit is lifted.
        var config = string.Create(CultureInfo.InvariantCulture, $$"""
            worker_processes auto;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 4096; }
            http {
                access_log off;
                keepalive_requests 100000000;
                client_body_temp_path {{folder}}/body;
                upstream service { server {{upstream.Authority}}; keepalive 256; keepalive_requests 100000000; }
                server {
                    listen 127.0.0.1:{{port}} http2;
                    http2_max_concurrent_streams 256;
                    location / { grpc_pass grpc://service; }
                }
            }
            """);
        var file = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(file, config, cancellationToken);
        var lines = new ConcurrentQueue<string>();
        var process = ChildProcess.Start(new ChildProcessSpec("nginx", "/usr/sbin/nginx", ["-p", folder, "-c", file, "-g", "daemon off;"]), lines.Enqueue);
        var proxy = new NginxGrpcProxy(process, folder, new Uri($"http://127.0.0.1:{port}"));
        if (!await Poll.UntilAsync(() => process.HasExited || Ports.IsListening(port), TimeSpan.FromSeconds(10), cancellationToken) || process.HasExited)
        {
            await proxy.DisposeAsync();
            throw new InvalidOperationException("nginx did not start (./build.sh bench installs it):\n" + string.Join('\n', lines));
        }

        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        // SIGTERM is nginx's fast stop; the workers go with the master.
        await _process.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(10));
        await _process.DisposeAsync();
        var errors = Path.Combine(_folder, "error.log");
        if (File.Exists(errors) && new FileInfo(errors).Length > 0)
        {
            Console.WriteLine("  nginx's error log:\n" + string.Join('\n', File.ReadLines(errors).TakeLast(20)));
        }

        Directory.Delete(_folder, recursive: true);
    }
}
