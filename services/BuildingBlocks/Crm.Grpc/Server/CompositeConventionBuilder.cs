using Microsoft.AspNetCore.Builder;

namespace Crm.Grpc.Server;

/// <summary>Applies conventions (authorization, metadata) to every endpoint of a mapped service at once.</summary>
internal sealed class CompositeConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
{
    public void Add(Action<EndpointBuilder> convention)
    {
        foreach (var builder in builders)
        {
            builder.Add(convention);
        }
    }
}
