namespace CrmPlatform.LocalServers;

/// <summary>How to run a local PostgreSQL.</summary>
/// <param name="DataDirectory">Its cluster folder; created with initdb when empty, reused otherwise.</param>
/// <param name="Port">The TCP port on 127.0.0.1 (no Unix socket is opened).</param>
/// <param name="Durable">False for tests: fsync and synchronous commit off, which is several times faster and
/// loses nothing a test cares about, since the folder is thrown away.</param>
/// <param name="SuperuserPassword">The postgres superuser's password: every login needs one (SCRAM-SHA-256).</param>
/// <param name="BinDirectory">Where postgres and initdb are; the newest under /usr/lib/postgresql when null.</param>
public sealed record PostgresOptions(string DataDirectory, int Port, bool Durable, string SuperuserPassword, string? BinDirectory = null)
{
    /// <summary>Without the password, so that logging the options never shows it.</summary>
    public override string ToString() => $"PostgresOptions {{ DataDirectory = {DataDirectory}, Port = {Port}, Durable = {Durable} }}";
}
