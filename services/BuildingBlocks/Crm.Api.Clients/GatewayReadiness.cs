using Crm.Forecasts.Grpc.V1;
using Crm.Leads.Grpc.V1;
using Crm.Opportunities.Grpc.V1;
using Crm.Orders.Grpc.V1;
using Crm.Support.Grpc.V1;
using Grpc.Core;

namespace Crm.Api.Clients;

/// <summary>
/// Healthy is not yet answering: each service's first call through the gateway builds its code paths and opens its
/// connections, which on a loaded two-core machine right after a start can take longer than a call's deadline. Asks
/// every service once (NOT_FOUND is an answer), again while it times out, before a caller's real work starts.
/// </summary>
public static class GatewayReadiness
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(500);

    /// <summary>True once every service answered through the gateway; false when one did not within <paramref name="within"/>.</summary>
    /// <param name="gateway">The gateway's clients.</param>
    /// <param name="token">An access token of a person who may read every service (an administrator's).</param>
    /// <param name="within">How long to keep asking.</param>
    /// <param name="cancellationToken">Stops asking.</param>
    public static async Task<bool> EveryServiceAnswersAsync(this GatewayClients gateway, Func<CancellationToken, Task<string>> token, TimeSpan within, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(token);
        var nobody = Guid.NewGuid().ToString();
        Func<CallOptions, Task>[] reads =
        [
            o => gateway.Leads.GetCampaignAsync(new GetCampaignRequest { CampaignId = nobody }, o).ResponseAsync,
            o => gateway.Opportunities.GetAccountAsync(new GetAccountRequest { CustomerId = nobody }, o).ResponseAsync,
            o => gateway.Forecasts.GetPipelineAsync(new GetPipelineRequest(), o).ResponseAsync,
            o => gateway.Orders.GetOrderAsync(new GetOrderRequest { OrderId = nobody }, o).ResponseAsync,
            o => gateway.Support.GetCaseAsync(new GetCaseRequest { CaseId = nobody }, o).ResponseAsync,
        ];
        var until = DateTime.UtcNow + within;
        foreach (var read in reads)
        {
            while (true)
            {
                try
                {
                    var headers = new Metadata { { "authorization", $"Bearer {await token(cancellationToken)}" } };
                    await read(new CallOptions(headers, DateTime.UtcNow.AddSeconds(30), cancellationToken));
                    break;
                }
                catch (RpcException ex) when (ex.StatusCode is not (StatusCode.DeadlineExceeded or StatusCode.Unavailable))
                {
                    break;
                }
                catch (RpcException) when (DateTime.UtcNow < until && !cancellationToken.IsCancellationRequested)
                {
                    await Task.Delay(Retry, cancellationToken);
                }
                catch (RpcException)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
