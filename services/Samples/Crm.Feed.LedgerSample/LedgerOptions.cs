namespace Crm.Feed.LedgerSample;

/// <summary>Where the sample reads the feed and as whom (section <c>Ledger</c>); the ledger database is <c>ConnectionStrings:ledger</c>.</summary>
public sealed class LedgerOptions
{
    /// <summary>The gateway's gRPC address.</summary>
    public Uri Gateway { get; set; } = new("http://localhost:5105");

    /// <summary>The identity service's token endpoint.</summary>
    public Uri TokenEndpoint { get; set; } = new("http://localhost:5101/connect/token");

    public string ClientId { get; set; } = "ledger";

    /// <summary>A file holding the client's secret.</summary>
    public string ClientSecretFile { get; set; } = string.Empty;
}
