namespace Crm.Messaging.SampleService.Data;

public sealed class Deal
{
    public Guid Id { get; init; }

    public Guid CustomerId { get; init; }

    public required string Stage { get; set; }

    public long Version { get; set; }
}
