namespace CrmPlatform.LocalServers;

/// <summary>Who may log in to our PostgreSQL (its <c>pg_hba.conf</c>): anyone with the right password, over loopback.</summary>
internal static class PostgresAuthentication
{
    private static readonly string[] PasswordsOnly =
    [
        "# CrmPlatform: every login needs its password (SCRAM-SHA-256); the server listens on loopback only.",
        "local all all scram-sha-256",
        "host  all all 127.0.0.1/32 scram-sha-256",
        "host  all all ::1/128 scram-sha-256",
        string.Empty,
    ];

    /// <summary>True when some rule lets a login in without a password (a cluster made before passwords were required).</summary>
    public static bool TrustsAnyone(string dataDirectory) =>
        File.ReadLines(HbaFile(dataDirectory))
            .Select(line => line.Split('#')[0].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Any(fields => fields.Length > 0 && fields[^1] == "trust");

    /// <summary>Replaces the rules with <see cref="PasswordsOnly"/> (the file keeps its owner, the postgres user).</summary>
    public static void RequirePasswords(string dataDirectory) =>
        File.WriteAllLines(HbaFile(dataDirectory), PasswordsOnly);

    private static string HbaFile(string dataDirectory) => Path.Combine(dataDirectory, "pg_hba.conf");
}
