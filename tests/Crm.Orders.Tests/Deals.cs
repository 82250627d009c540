using Crm.Contracts;
using Crm.Contracts.Opportunities;

namespace Crm.Orders.Tests;

/// <summary>Won deals as the opportunities service publishes them.</summary>
internal static class Deals
{
    public static readonly PostalAddress Warehouse = new("Hafenstraße 12", "Hamburg", null, "20457", "DE");

    /// <summary>Two lines: 3 × 1,200.50 EUR and 10 × 19.99 EUR, 3,801.40 EUR in all, shipped to the warehouse.</summary>
    public static OpportunityWon Won(Guid customerId, Guid? opportunityId = null) => new(
        Guid.NewGuid(),
        DateTimeOffset.UtcNow,
        customerId,
        opportunityId ?? Guid.NewGuid(),
        7,
        "rep-anna",
        [
            new OpportunityLine(Guid.NewGuid(), "Forklift telemetry unit", 3m, new Money("EUR", 1200.50m)),
            new OpportunityLine(Guid.NewGuid(), "Installation hour", 10m, new Money("EUR", 19.99m)),
        ],
        new Money("EUR", 3801.40m),
        DateOnly.FromDateTime(DateTime.UtcNow),
        Warehouse,
        "PO-2026-117");
}
