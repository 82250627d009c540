using System.Security.Cryptography;

namespace CrmPlatform.AppHost.Resources;

/// <summary>
/// The secrets of a local run, made on the first start and kept in the data folder (<c>.crm/secrets/</c>, readable by
/// its owner only), never in the repository nor printed: the demo people's password, the machine clients' secrets and
/// the servers' passwords.
/// </summary>
public sealed class LocalSecrets(string folder)
{
    /// <summary>The file that holds the demo people's password (made if missing; README: how to get a token).</summary>
    public string DemoPasswordFile
    {
        get
        {
            Read("demo-password");
            return Path.Combine(folder, "demo-password");
        }
    }

    public string DemoPassword => Read("demo-password");

    /// <summary>The file that holds a machine client's secret, e.g. <c>accounting-system</c>'s (made if missing).</summary>
    public string ClientSecretFile(string clientId)
    {
        Read($"client-{clientId}");
        return Path.Combine(folder, $"client-{clientId}");
    }

    /// <summary>A password of this run's servers, e.g. <c>postgres-superuser</c> or <c>postgres-leadsdb</c> (made if missing).</summary>
    public string Password(string name) => Read(name);

    public static LocalSecrets In(LocalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var folder = settings.Folder("secrets");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new LocalSecrets(folder);
    }

    private string Read(string name)
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var writer = new StreamWriter(path, options);
            writer.Write(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        }

        return File.ReadAllText(path).Trim();
    }
}
