namespace Crm.Identity.SigningKeys;

/// <summary>What a key protects: tokens' signatures (published in the JWKS), or the codes and refresh tokens that
/// only this service reads.</summary>
public enum KeyPurpose
{
    Signing,
    Encryption,
}
