namespace Crm.Contracts.Feed;

/// <summary>
/// One kind of event on the accounting feed: its CloudEvents type, the version of its schema, and the contract it is
/// made from (the service's own event, whose JSON is the feed's data).
/// </summary>
public sealed record FeedType(string Type, string SchemaVersion, Type Contract)
{
    /// <summary>How the outbox names the contract (<c>Full.Name, Assembly</c>).</summary>
    public string OutboxName => $"{Contract.FullName}, {Contract.Assembly.GetName().Name}";

    /// <summary>Where the JSON Schema of this version is served (the CloudEvents <c>dataschema</c>).</summary>
    public string SchemaPath => $"/feed/v1/schemas/{Type}/{SchemaVersion}";
}
