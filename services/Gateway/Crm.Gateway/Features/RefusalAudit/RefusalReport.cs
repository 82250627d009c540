namespace Crm.Gateway.Features.RefusalAudit;

/// <summary>A call the gateway refused, to be reported to the service that owns the method.</summary>
/// <param name="Owner">The owning service's gRPC address.</param>
/// <param name="Method">The method refused.</param>
/// <param name="Authorization">The caller's authorization header as sent (the owner checks it itself); null for none.</param>
/// <param name="ForwardedFor">The caller's address, as the gateway saw it.</param>
internal sealed record RefusalReport(Uri Owner, string Method, string? Authorization, string ForwardedFor);
