using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Crm.Identity.Data;
using CrmPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace Crm.Identity.SigningKeys;

/// <summary>
/// The keys that sign tokens and protect codes, kept in the identity database so that every replica signs with the
/// same ones. At start and then every hour it creates the keys that are due (<see cref="KeyRotation"/>), deletes the
/// expired ones, and hands the rest to OpenIddict (rebuilding its options when they change).
/// </summary>
internal sealed partial class KeyRing(
    IServiceScopeFactory scopes,
    DatabaseSchema schema,
    IOptionsMonitorCache<OpenIddictServerOptions> serverOptions,
    TimeProvider clock,
    ILogger<KeyRing> logger) : BackgroundService
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromHours(1);

    // A lock of the identity database: two replicas starting at once create one key, not two.
    private const long RotationLock = 0x4B45595249_4E47;

    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile IReadOnlyList<X509Certificate2> _signing = [];
    private volatile IReadOnlyList<X509Certificate2> _encryption = [];
    private volatile string? _active;
    private Dictionary<Guid, X509Certificate2> _byId = [];

    /// <summary>Completes once the keys are loaded; until then the token endpoints answer 503.</summary>
    public Task Loaded => _loaded.Task;

    public bool IsLoaded => _loaded.Task.IsCompletedSuccessfully;

    /// <summary>The signing certificates that are valid or announced.</summary>
    public IReadOnlyList<X509Certificate2> Signing => _signing;

    public IReadOnlyList<X509Certificate2> Encryption => _encryption;

    /// <summary>Creates what is due and loads the ring; true when the keys changed.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RotationLock})", cancellationToken);

        var keys = await db.Keys.ToListAsync(cancellationToken);
        db.Keys.RemoveRange(keys.Where(k => KeyRotation.Expired(k, now)));
        foreach (var purpose in Enum.GetValues<KeyPurpose>())
        {
            if (KeyRotation.Due(keys.Where(k => k.Purpose == purpose), now) is { } validity)
            {
                var key = StoredKey.Of(purpose, validity.NotBefore, validity.NotAfter, NewCertificate(purpose, validity.NotBefore, validity.NotAfter));
                db.Keys.Add(key);
                keys.Add(key);
                LogCreated(purpose, validity.NotBefore, validity.NotAfter);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var live = keys.Where(k => k.NotAfter > now).OrderByDescending(k => k.NotAfter).ToList();
        // Keys already loaded are kept as they are: the hourly check parses only a key it has not seen.
        _byId = live.ToDictionary(k => k.Id, k => _byId.TryGetValue(k.Id, out var known) ? known : Load(k));
        var signing = live.Where(k => k.Purpose == KeyPurpose.Signing).Select(k => _byId[k.Id]).ToList();
        var encryption = live.Where(k => k.Purpose == KeyPurpose.Encryption).Select(k => _byId[k.Id]).ToList();
        // OpenIddict orders its keys once, when its options are built: they are rebuilt when the keys change and when
        // an announced key becomes the one to sign with.
        var changed = !Same(signing, _signing) || !Same(encryption, _encryption) || Active(signing, now) != _active;
        _active = Active(signing, now);
        _signing = signing;
        _encryption = encryption;

        // Loaded first, then the options rebuilt: options built in between would take the throw-away keys and keep them.
        _loaded.TrySetResult();
        if (changed)
        {
            serverOptions.Clear();
        }

        return changed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await schema.WaitUntilReadyAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
                await Task.Delay(CheckEvery, clock, stoppingToken);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or DbUpdateException)
            {
                LogFailed(ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken);
            }
        }
    }

    /// <summary>The key that signs at <paramref name="now"/>: the valid one that expires last.</summary>
    private static string? Active(IEnumerable<X509Certificate2> signing, DateTimeOffset now) =>
        signing.Where(c => c.NotBefore.ToUniversalTime() <= now.UtcDateTime).MaxBy(c => c.NotAfter)?.Thumbprint;

    private static bool Same(IReadOnlyList<X509Certificate2> a, IReadOnlyList<X509Certificate2> b) =>
        a.Select(c => c.Thumbprint).SequenceEqual(b.Select(c => c.Thumbprint), StringComparer.Ordinal);

    private static X509Certificate2 Load(StoredKey key) =>
        X509CertificateLoader.LoadPkcs12(key.Certificate, password: null, X509KeyStorageFlags.EphemeralKeySet);

    private static byte[] NewCertificate(KeyPurpose purpose, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest($"CN=CrmPlatform identity {purpose.ToString().ToLowerInvariant()} key", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var usage = purpose == KeyPurpose.Signing ? X509KeyUsageFlags.DigitalSignature : X509KeyUsageFlags.KeyEncipherment;
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        return certificate.Export(X509ContentType.Pkcs12);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Key ring: created a {Purpose} key valid from {NotBefore:o} to {NotAfter:o}")]
    private partial void LogCreated(KeyPurpose purpose, DateTimeOffset notBefore, DateTimeOffset notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key ring: could not refresh the keys ({Reason}); retrying")]
    private partial void LogFailed(string reason);
}
