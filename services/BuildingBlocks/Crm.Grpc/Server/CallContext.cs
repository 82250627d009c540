using System.Security.Claims;
using Crm.Grpc.Protocol;
using Microsoft.AspNetCore.Http;

namespace Crm.Grpc.Server;

/// <summary>What a handler knows about its call besides the request: metadata, deadline, cancellation, caller.</summary>
public sealed class CallContext
{
    private Metadata? _requestHeaders;

    internal CallContext(HttpContext httpContext, string method, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        HttpContext = httpContext;
        Method = method;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    /// <summary>The full method name, <c>/crm.leads.v1.LeadsService/CaptureLead</c>.</summary>
    public string Method { get; }

    /// <summary>When the client stops waiting, from its <c>grpc-timeout</c>; null when it set none.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>Fires when the client cancels or resets the call, or the deadline passes.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The caller, as authentication established it.</summary>
    public ClaimsPrincipal User => HttpContext.User;

    /// <summary>The caller's address, <c>ip:port</c>.</summary>
    public string Peer => $"{HttpContext.Connection.RemoteIpAddress}:{HttpContext.Connection.RemotePort}";

    /// <summary>The custom metadata the client sent.</summary>
    public Metadata RequestHeaders => _requestHeaders ??= MetadataHeaders.Read(HttpContext.Request.Headers);

    /// <summary>Metadata sent with the response headers (before the first message).</summary>
    public Metadata ResponseHeaders { get; } = new();

    /// <summary>Metadata sent with the status at the end of the call.</summary>
    public Metadata ResponseTrailers { get; } = new();

    /// <summary>The HTTP exchange underneath, for what the protocol does not model.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>Sends the response headers now, before any message: a long call tells the client it has begun.</summary>
    public Task WriteResponseHeadersAsync() =>
        Writer?.WriteHeadersAsync(CancellationToken) ?? Task.CompletedTask;

    internal ResponseWriter? Writer { get; set; }

    /// <summary>The time left before the deadline, or null when there is none.</summary>
    public TimeSpan? TimeRemaining => Deadline is { } deadline ? deadline - DateTimeOffset.UtcNow : null;
}
