namespace CrmPlatform.LocalServers;

/// <summary>Where a running service listens: gRPC over HTTP/2 cleartext, and HTTP/1.1 for health and pages.</summary>
public sealed record ServiceEndpoints(Uri Grpc, Uri Http);
