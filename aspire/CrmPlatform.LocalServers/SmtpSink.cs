using System.Globalization;

namespace CrmPlatform.LocalServers;

/// <summary>
/// An SMTP server that keeps every message it receives as a file and sends nothing on: Debian's python3-aiosmtpd with
/// its Mailbox handler, on 127.0.0.1. Drip e-mails go here on a developer's machine and in tests, so that a person (or
/// a test) reads what was sent in <see cref="NewMail"/>.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    // Debian's interpreter: the package installs the module for it, not for another python3 on the PATH.
    private const string Python = "/usr/bin/python3";
    private const string Module = "/usr/lib/python3/dist-packages/aiosmtpd/__init__.py";
    private readonly ChildProcess _process;

    private SmtpSink(ChildProcess process, string directory, int port)
    {
        _process = process;
        Directory = directory;
        Port = port;
    }

    /// <summary>The mailbox folder; each message is a file in its <c>new</c> folder.</summary>
    public string Directory { get; }

    public int Port { get; }

    /// <summary>Where to send: <c>smtp://127.0.0.1:port</c>.</summary>
    public Uri Address => new(string.Create(CultureInfo.InvariantCulture, $"smtp://127.0.0.1:{Port}"));

    /// <summary>The folder that holds the messages received, one file each (maildir).</summary>
    public static string NewMail(string directory) => Path.Combine(directory, "new");

    /// <summary>The sink's command line: its messages go to <paramref name="directory"/> (a maildir it creates).</summary>
    public static ChildProcessSpec Spec(string directory, int port)
    {
        if (!File.Exists(Python) || !File.Exists(Module))
        {
            throw new MissingPrerequisiteException("python3-aiosmtpd (the local SMTP sink)", "sudo apt-get install -y python3-aiosmtpd");
        }

        // A maildir: Python's mailbox creates one only where no folder is yet, and a folder without these three makes
        // every delivery fail (the client sees a 500 reply).
        foreach (var part in new[] { "new", "cur", "tmp" })
        {
            System.IO.Directory.CreateDirectory(Path.Combine(directory, part));
        }

        // -n: stay the user who started it (as root it would otherwise switch to nobody, who cannot write the folder).
        return new ChildProcessSpec(
            "smtp-sink",
            Python,
            ["-m", "aiosmtpd", "-n", "-l", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox", directory]);
    }

    /// <summary>Starts the sink and waits until it listens.</summary>
    public static async Task<SmtpSink> StartAsync(string directory, int port, CancellationToken cancellationToken = default)
    {
        var process = ChildProcess.Start(Spec(directory, port));
        if (!await Poll.UntilAsync(() => Ports.IsListening(port) || process.HasExited, TimeSpan.FromSeconds(30), cancellationToken) || process.HasExited)
        {
            var output = process.RecentOutput;
            await process.DisposeAsync();
            throw new ServerStartException($"the SMTP sink did not listen on port {port} (it exited or 30 s passed):{Environment.NewLine}{output}");
        }

        return new SmtpSink(process, directory, port);
    }

    /// <summary>The files of the messages received so far.</summary>
    public IReadOnlyList<string> Received()
    {
        var folder = NewMail(Directory);
        return System.IO.Directory.Exists(folder) ? System.IO.Directory.GetFiles(folder) : [];
    }

    public IReadOnlyList<int> TreePids() => _process.TreePids();

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(10));
        await _process.DisposeAsync();
    }
}
