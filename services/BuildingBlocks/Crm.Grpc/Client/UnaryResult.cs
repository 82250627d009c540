namespace Crm.Grpc.Client;

/// <summary>A completed unary call: the response with the metadata that came with it.</summary>
public sealed record UnaryResult<TResponse>(TResponse Response, Metadata Headers, Metadata Trailers);
