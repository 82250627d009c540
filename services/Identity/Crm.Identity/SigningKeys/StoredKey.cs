namespace Crm.Identity.SigningKeys;

/// <summary>
/// A key of the ring as a self-signed certificate with its private key, so that its validity travels with it:
/// OpenIddict signs with the valid certificate that expires last and publishes every registered one.
/// </summary>
public sealed class StoredKey
{
    private StoredKey()
    {
    }

    public Guid Id { get; private set; }

    public KeyPurpose Purpose { get; private set; }

    public DateTimeOffset NotBefore { get; private set; }

    public DateTimeOffset NotAfter { get; private set; }

    /// <summary>PKCS#12 with the private key, readable only through the identity service's own database role.</summary>
    public byte[] Certificate { get; private set; } = [];

    public static StoredKey Of(KeyPurpose purpose, DateTimeOffset notBefore, DateTimeOffset notAfter, byte[] certificate) => new()
    {
        Id = Guid.CreateVersion7(),
        Purpose = purpose,
        NotBefore = notBefore,
        NotAfter = notAfter,
        Certificate = certificate,
    };
}
