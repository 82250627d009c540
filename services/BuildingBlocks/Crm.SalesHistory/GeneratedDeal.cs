using Crm.Contracts;

namespace Crm.SalesHistory;

/// <summary>One generated opportunity: its rep and the events opportunities would have published for it, in order.</summary>
public sealed record GeneratedDeal(Guid OpportunityId, SalesRep Rep, IReadOnlyList<IIntegrationEvent> Events);
