using Crm.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Crm.Opportunities.Data;

/// <summary>How deals are read whole: with their lines, their moves between stages and their team.</summary>
internal static class OpportunityQueries
{
    public static IQueryable<Opportunity> Whole(this IQueryable<Opportunity> deals) =>
        deals.Include(o => o.Lines).Include(o => o.StageChanges).Include(o => o.TeamMembers).AsSplitQuery();
}
