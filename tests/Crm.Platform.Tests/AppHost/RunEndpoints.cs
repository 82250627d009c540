namespace Crm.Platform.Tests.AppHost;

/// <summary>What endpoints.json of a run says.</summary>
internal sealed record RunEndpoints(
    IReadOnlyDictionary<string, Uri> Http,
    IReadOnlyDictionary<string, Uri> Grpc,
    Uri? Dashboard)
{
    public IReadOnlyList<Uri> All => [.. Http.Values, .. Grpc.Values];
}
