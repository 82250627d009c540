using Npgsql;

namespace CrmPlatform.LocalServers;

/// <summary>A PostgreSQL server from the OS packages, running as our child process.</summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string SystemUser = "postgres";
    private readonly ChildProcess _process;

    private readonly string _password;

    private PostgresServer(ChildProcess process, int port, string password)
    {
        _process = process;
        Port = port;
        _password = password;
    }

    public int Port { get; }

    /// <summary>The pids of the server's tree, for a watchdog.</summary>
    public IReadOnlyList<int> TreePids() => _process.TreePids();

    /// <summary>A superuser connection to the maintenance database.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    /// <summary>A superuser connection to <paramref name="database"/> (for tests that inspect any database).</summary>
    public string ConnectionString(string database) => ConnectionString(Port, _password, database);

    /// <summary>A superuser connection to <paramref name="database"/> (none: the user's default) on a local server
    /// listening on <paramref name="port"/>.</summary>
    public static string ConnectionString(int port, string password, string? database = null) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = SystemUser,
            Password = password,
            Database = database,
        }.ConnectionString;

    /// <summary>The connection of the role that owns <paramref name="database"/> (see <see cref="EnsureDatabaseAsync(string, string, string, CancellationToken)"/>),
    /// on the server <paramref name="adminConnectionString"/> reaches.</summary>
    public static string OwnerConnectionString(string adminConnectionString, string database, string password) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString) { Username = database, Password = password, Database = database }.ConnectionString;

    /// <summary>
    /// The one way this platform runs PostgreSQL: the program, its arguments and the user it runs as. The test fixture
    /// starts it as a child process (<see cref="StartAsync"/>), the app host as an Aspire executable resource.
    /// </summary>
    public static ChildProcessSpec Spec(PostgresOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> args =
        [
            "-D", options.DataDirectory, "-p", options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300",
        ];
        if (!options.Durable)
        {
            args.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        return new ChildProcessSpec("postgres", Path.Combine(FindBinaries(options.BinDirectory), "postgres"), args, SystemUser);
    }

    /// <summary>
    /// Hands a new cluster's folder to the postgres user, or says in one line what to do when that user cannot reach
    /// it: checked before anything starts, rather than found later as initdb's bare "Permission denied".
    /// </summary>
    public static void PrepareFolder(PostgresOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(Path.Combine(options.DataDirectory, "PG_VERSION")))
        {
            FileSystemAccess.GiveTo(SystemUser, options.DataDirectory);
        }
    }

    /// <summary>
    /// Creates the cluster with initdb (password logins only, SCRAM-SHA-256) unless the folder already holds one; a
    /// cluster made before passwords were required is given the password and switched to them.
    /// </summary>
    public static async Task PrepareAsync(PostgresOptions options, Action<string>? onLine = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(Path.Combine(options.DataDirectory, "PG_VERSION")))
        {
            await InitialiseAsync(FindBinaries(options.BinDirectory), options, onLine, cancellationToken);
        }
        else if (PostgresAuthentication.TrustsAnyone(options.DataDirectory))
        {
            await RequirePasswordsAsync(options, onLine, cancellationToken);
        }
    }

    /// <summary>Initialises the cluster if needed, starts it and waits until it accepts connections.</summary>
    public static async Task<PostgresServer> StartAsync(PostgresOptions options, Action<string>? onLine = null, CancellationToken cancellationToken = default)
    {
        var spec = Spec(options);
        await PrepareAsync(options, onLine, cancellationToken);
        var process = ChildProcess.Start(spec, onLine);
        var server = new PostgresServer(process, options.Port, options.SuperuserPassword);
        var ready = await Poll.UntilAsync(
            ct => process.HasExited ? Task.FromResult(true) : AcceptsConnectionsAsync(server.AdminConnectionString, ct),
            TimeSpan.FromSeconds(120),
            cancellationToken);
        if (!ready || process.HasExited)
        {
            var output = process.RecentOutput;
            await process.DisposeAsync();
            throw new ServerStartException($"PostgreSQL did not accept connections on port {options.Port} (it exited or 120 s passed):{Environment.NewLine}{output}");
        }

        return server;
    }

    /// <summary>Creates <paramref name="database"/> and the role that owns it on this server (see the static overload);
    /// returns the role's connection string.</summary>
    public async Task<string> EnsureDatabaseAsync(string database, string password, CancellationToken cancellationToken = default)
    {
        await EnsureDatabaseAsync(AdminConnectionString, database, password, cancellationToken);
        return OwnerConnectionString(AdminConnectionString, database, password);
    }

    /// <inheritdoc cref="PostgresDatabases.EnsureAsync"/>
    public static Task EnsureDatabaseAsync(string adminConnectionString, string database, string password, CancellationToken cancellationToken = default) =>
        PostgresDatabases.EnsureAsync(adminConnectionString, database, password, cancellationToken);

    /// <summary>Fast shutdown: open sessions are rolled back, the server checkpoints and exits.</summary>
    public Task StopAsync() => _process.StopAsync(Posix.SigInt, TimeSpan.FromSeconds(20));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _process.DisposeAsync();
    }

    /// <summary>True when a new connection opens (the readiness check of the fixture and of the app host alike).</summary>
    public static async Task<bool> AcceptsConnectionsAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 2, Pooling = false };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private static async Task InitialiseAsync(string bin, PostgresOptions options, Action<string>? onLine, CancellationToken cancellationToken)
    {
        FileSystemAccess.GiveTo(SystemUser, options.DataDirectory);

        // initdb reads the superuser's password from a file the postgres user can read, beside the cluster's folder
        // (initdb wants that folder empty), readable by that user only and removed at once.
        var passwordFile = options.DataDirectory.TrimEnd('/') + ".pwfile";
        FileSystemAccess.WriteSecretFor(SystemUser, passwordFile, options.SuperuserPassword);
        try
        {
            List<string> args =
            [
                "-D", options.DataDirectory, "-U", SystemUser, "-A", "scram-sha-256", $"--pwfile={passwordFile}",
                "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions",
            ];
            if (!options.Durable)
            {
                args.Add("--no-sync");
            }

            await using var initdb = ChildProcess.Start(new ChildProcessSpec("initdb", Path.Combine(bin, "initdb"), args, SystemUser), onLine);
            await initdb.WaitForExitAsync(cancellationToken);
            if (initdb.ExitCode != 0)
            {
                throw new ServerStartException($"initdb failed for {options.DataDirectory} (exit {initdb.ExitCode}):{Environment.NewLine}{initdb.RecentOutput}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>
    /// A cluster made when logins needed no password (trust): started once as it is to give the superuser its
    /// password, stopped, then switched to SCRAM-SHA-256 for every login.
    /// </summary>
    private static async Task RequirePasswordsAsync(PostgresOptions options, Action<string>? onLine, CancellationToken cancellationToken)
    {
        var process = ChildProcess.Start(Spec(options), onLine);
        await using (process)
        {
            var trusted = new NpgsqlConnectionStringBuilder(ConnectionString(options.Port, string.Empty, "postgres")) { Password = null }.ConnectionString;
            if (!await Poll.UntilAsync(ct => process.HasExited ? Task.FromResult(true) : AcceptsConnectionsAsync(trusted, ct), TimeSpan.FromSeconds(120), cancellationToken) || process.HasExited)
            {
                throw new ServerStartException($"PostgreSQL in {options.DataDirectory} did not start to be given a password:{Environment.NewLine}{process.RecentOutput}");
            }

            await PostgresDatabases.SetPasswordAsync(trusted, SystemUser, options.SuperuserPassword, cancellationToken);
            await process.StopAsync(Posix.SigInt, TimeSpan.FromSeconds(20));
        }

        PostgresAuthentication.RequirePasswords(options.DataDirectory);
    }

    /// <summary>The newest installed server's bin folder (Debian installs under /usr/lib/postgresql/VERSION).</summary>
    private static string FindBinaries(string? configured)
    {
        if (configured is not null)
        {
            return File.Exists(Path.Combine(configured, "postgres"))
                ? configured
                : throw new MissingPrerequisiteException($"PostgreSQL (no postgres program in {configured})", "sudo apt-get install -y postgresql");
        }

        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.EnumerateDirectories(root)
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(dir => File.Exists(Path.Combine(dir, "postgres")) && File.Exists(Path.Combine(dir, "initdb")))
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(Path.GetDirectoryName(dir)), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new MissingPrerequisiteException("PostgreSQL", "sudo apt-get install -y postgresql");
    }
}
