namespace Crm.Platform.Tests.AppHost;

/// <summary>What endpoints.json of a run says, and how long the run took to write it.</summary>
internal sealed record RunEndpoints(
    IReadOnlyDictionary<string, Uri> Http,
    IReadOnlyDictionary<string, Uri> Grpc,
    Uri? Dashboard,
    TimeSpan Elapsed)
{
    public IReadOnlyList<Uri> All => [.. Http.Values, .. Grpc.Values];
}
