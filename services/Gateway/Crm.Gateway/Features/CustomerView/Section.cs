using Crm.Gateway.Grpc.V1;
using Grpc.Core;

namespace Crm.Gateway.Features.CustomerView;

/// <summary>What one service answered for its section of the view, or why it did not.</summary>
/// <param name="Value">The section, when the service answered.</param>
/// <param name="Status">How fetching it went, as the view reports it.</param>
/// <param name="Code">The gRPC status the service answered with (OK when it did).</param>
public sealed record Section<T>(T? Value, SectionStatus Status, StatusCode Code = StatusCode.OK)
    where T : class
{
    public bool IsOk => Status.State == SectionState.Ok && Value is not null;
}
