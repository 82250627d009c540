namespace CrmPlatform.LocalServers;

/// <summary>A server did not become ready; the message carries the last lines it printed.</summary>
public sealed class ServerStartException(string message) : Exception(message);
