namespace Crm.Messaging.SampleService.Data;

public sealed class BookedOrder
{
    public Guid Id { get; init; }

    public Guid EventId { get; init; }

    public Guid OpportunityId { get; init; }

    public Guid CustomerId { get; init; }

    public decimal Total { get; init; }

    public required string Currency { get; init; }

    public string? TraceId { get; init; }
}
