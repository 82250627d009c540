namespace Crm.Grpc.Protocol;

/// <summary>How incoming messages are read: the size limit and the <c>grpc-encoding</c> of the sender.</summary>
/// <param name="MaxMessageSize">The largest message accepted, compressed or not.</param>
/// <param name="Encoding">The sender's <c>grpc-encoding</c>, or null for none.</param>
public readonly record struct ReadSettings(int MaxMessageSize, string? Encoding);
