namespace Crm.Messaging.Privacy;

/// <summary>
/// What a service erased about a person: how many records, and the values they held, so that copies of them elsewhere
/// in its database (event bodies in the outbox, free text) are found and replaced too.
/// </summary>
/// <param name="Records">The records pseudonymised.</param>
/// <param name="Values">Values distinctive enough to replace wherever they appear in a text: an e-mail address, a
/// phone number, a street, a full name.</param>
/// <param name="Names">Values replaced only where they are a whole JSON string (<c>"firstName":"Ada"</c>), because
/// inside other text they would hit other words ("Ada" in "Adams").</param>
public sealed record ErasedPerson(int Records, IReadOnlyCollection<string> Values, IReadOnlyCollection<string> Names)
{
    public static ErasedPerson Nothing { get; } = new(0, [], []);

    /// <summary>One record of a person named <paramref name="firstName"/> <paramref name="lastName"/>, with the contact
    /// points it held (e-mail and phone as stored and as keyed; blanks left out).</summary>
    public static ErasedPerson Record(string firstName, string lastName, params string?[] contactPoints)
    {
        ArgumentNullException.ThrowIfNull(contactPoints);
        return new(1, [.. contactPoints.OfType<string>().Append($"{firstName} {lastName}")], [firstName, lastName]);
    }

    /// <summary>Both erasures together.</summary>
    public ErasedPerson And(ErasedPerson other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Records + other.Records, [.. Values.Union(other.Values, StringComparer.Ordinal)], [.. Names.Union(other.Names, StringComparer.Ordinal)]);
    }
}
