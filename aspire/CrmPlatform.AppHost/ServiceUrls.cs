namespace CrmPlatform.AppHost;

/// <summary>Where a running service answers: gRPC over HTTP/2 cleartext, and HTTP/1.1 for health and pages.</summary>
internal sealed record ServiceUrls(string Grpc, string Http);
