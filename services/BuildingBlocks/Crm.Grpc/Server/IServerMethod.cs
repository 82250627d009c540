using Microsoft.AspNetCore.Http;

namespace Crm.Grpc.Server;

/// <summary>One bound RPC, whatever its message types.</summary>
internal interface IServerMethod
{
    string Path { get; }

    Task HandleAsync(HttpContext http);
}
