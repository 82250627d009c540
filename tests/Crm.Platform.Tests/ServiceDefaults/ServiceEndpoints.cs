namespace Crm.Platform.Tests.ServiceDefaults;

/// <summary>Where a running service listens: gRPC over HTTP/2 cleartext, and HTTP/1.1 for health and pages.</summary>
internal sealed record ServiceEndpoints(Uri Grpc, Uri Http);
