namespace Crm.Identity.Tests;

/// <summary>Sends each request to the next of several replicas in turn, as a load balancer without affinity would.</summary>
internal sealed class TakingTurnsHandler(params Uri[] replicas) : DelegatingHandler
{
    private int _next = -1;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var replica = replicas[(int)((uint)Interlocked.Increment(ref _next) % (uint)replicas.Length)];
        request.RequestUri = new UriBuilder(request.RequestUri!) { Host = replica.Host, Port = replica.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
