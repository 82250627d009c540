using System.Collections.Concurrent;
using Crm.Api.Clients;
using Crm.Opportunities.Grpc.V1;
using Grpc.Core;

namespace Crm.Web.Components;

/// <summary>
/// The names of the customers a list shows by id (orders and credit holds carry only the customer's id): asked of the
/// customer master once per customer, a few at a time; a name that cannot be read leaves the id's link unnamed.
/// </summary>
public sealed class CustomerNames
{
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

    public string? GetValueOrDefault(string customerId) => _names.GetValueOrDefault(customerId);

    public async Task LearnAsync(GatewayClients gateway, IEnumerable<string> customerIds)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var unknown = customerIds.Distinct(StringComparer.Ordinal).Where(id => !_names.ContainsKey(id)).ToList();
        await Parallel.ForEachAsync(unknown, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, ct) =>
        {
            try
            {
                var account = await gateway.Opportunities.GetAccountAsync(new GetAccountRequest { CustomerId = id }, cancellationToken: ct);
                _names[id] = account.Name;
            }
            catch (RpcException)
            {
                // Unnamed: the list still links to the customer, whose page says what is wrong.
            }
        });
    }
}
