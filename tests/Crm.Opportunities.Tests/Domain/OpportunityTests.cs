extern alias service;

using Crm.Contracts;
using Crm.Contracts.Opportunities;
using Crm.Domain;
using service::Crm.Opportunities.Domain;

namespace Crm.Opportunities.Tests.Domain;

/// <summary>A deal's rules as a plain object: no database, no gRPC. Each change raises the event other services read.</summary>
public sealed class OpportunityTests
{
    private static readonly DateTimeOffset Opened = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly OpportunityLine Licences = new(Guid.NewGuid(), "Licences", 10m, new Money("EUR", 1_200m));

    private static Opportunity NewDeal()
    {
        var deal = Opportunity.Open(
            new OpportunityOrigin(Guid.NewGuid(), null, LeadSource.TradeShow, null), Guid.NewGuid(), "Acme rollout", "olga.outside", new Money("EUR", 10_000m), new DateOnly(2026, 6, 30), Opened);
        var opened = Assert.IsType<OpportunityOpened>(Assert.Single(deal.TakeDomainEvents()));
        Assert.Equal((OpportunityStage.Qualification, 10, 1L), (opened.Stage, opened.Probability, opened.Version));
        return deal;
    }

    [Fact]
    public void Losing_closes_the_deal_at_the_one_time_its_event_states()
    {
        var deal = NewDeal();
        deal.MoveTo(OpportunityStage.Negotiation, "olga.outside", Opened.AddDays(3));
        deal.TakeDomainEvents();
        var at = Opened.AddDays(10);

        Assert.True(deal.Lose("Chose a competitor", "olga.outside", at).IsDone);

        var lost = Assert.IsType<OpportunityLost>(Assert.Single(deal.TakeDomainEvents()));
        Assert.Equal((OpportunityStage.Lost, 0, at, 3L, "olga.outside"), (deal.Stage, deal.Probability, deal.ClosedAt, deal.Version, deal.ClosedBy));
        Assert.Equal(ForecastCategory.Omitted, deal.ForecastCategory);
        var move = Assert.Single(deal.StageChanges);
        Assert.Equal((OpportunityStage.Qualification, OpportunityStage.Negotiation, Opened.AddDays(3), "olga.outside"), (move.FromStage, move.ToStage, move.ChangedAt, move.ChangedBy));
        Assert.Equal((at, 3L, OpportunityStage.Negotiation, new Money("EUR", 10_000m)), (lost.OccurredAt, lost.Version, lost.LastStage, lost.Amount));
    }

    [Fact]
    public void Winning_takes_the_final_lines_as_the_amount_and_a_closed_deal_no_longer_changes()
    {
        var deal = NewDeal();
        var at = Opened.AddDays(20);
        var shipTo = new PostalAddress("1 Main St", "Springfield", null, "12345", "US");

        Assert.True(deal.Win([Licences], shipTo, "PO-77", null, "olga.outside", at).IsDone);

        var won = Assert.IsType<OpportunityWon>(Assert.Single(deal.TakeDomainEvents()));
        Assert.Equal((OpportunityStage.Won, 100, 12_000m, "EUR", ForecastCategory.Closed), (deal.Stage, deal.Probability, deal.Amount, deal.Currency, deal.ForecastCategory));
        Assert.Equal((new Money("EUR", 12_000m), shipTo, "PO-77", new DateOnly(2026, 4, 21)), (won.Total, won.ShipTo, won.PurchaseOrderNumber, won.WonOn));
        foreach (var refused in new[]
        {
            deal.Lose("Changed our mind", "olga.outside", at.AddDays(1)),
            deal.MoveTo(OpportunityStage.Closing, "olga.outside", at.AddDays(1)),
            deal.Revise(new DealRevision(null, new DateOnly(2026, 9, 30), [], null, null), "olga.outside", at.AddDays(1)),
            deal.Win([Licences], null, null, null, "olga.outside", at.AddDays(1)),
        })
        {
            Assert.Equal(DomainErrorKind.Precondition, refused.Error?.Kind);
        }

        Assert.Equal((OpportunityStage.Won, 2L), (deal.Stage, deal.Version));
        Assert.Empty(deal.PendingDomainEvents());
    }

    [Fact]
    public void Closed_is_not_a_category_a_revision_sets()
    {
        var deal = NewDeal();

        var refused = deal.Revise(new DealRevision(null, null, [], null, ForecastCategory.Closed), "olga.outside", Opened.AddDays(1));

        Assert.Equal(("forecast_category", DomainErrorKind.Invalid), (refused.Error?.Field, refused.Error?.Kind));
        Assert.Equal((ForecastCategory.Pipeline, 1L), (deal.ForecastCategory, deal.Version));
        Assert.True(deal.Revise(new DealRevision(null, null, [], null, ForecastCategory.Commit), "olga.outside", Opened.AddDays(1)).IsDone);
        Assert.Equal(ForecastCategory.Commit, Assert.IsType<ForecastUpdated>(Assert.Single(deal.TakeDomainEvents())).Category);
    }

    [Fact]
    public void Only_the_owner_sets_the_category_and_a_managers_judgement_is_kept_beside_it()
    {
        var deal = NewDeal();

        var refused = deal.Revise(new DealRevision(null, null, [], null, ForecastCategory.Commit), "nina.manager", Opened.AddDays(1));
        Assert.Equal(DomainErrorKind.Forbidden, refused.Error?.Kind);
        Assert.True(deal.Revise(new DealRevision(null, new DateOnly(2026, 7, 15), [], null, ForecastCategory.Pipeline), "nina.manager", Opened.AddDays(1)).IsDone);

        Assert.Equal("manager_category", deal.Judge(ForecastCategory.Closed, "nina.manager", Opened.AddDays(2)).Error?.Field);
        Assert.True(deal.Judge(ForecastCategory.BestCase, "nina.manager", Opened.AddDays(2)).IsDone);
        Assert.True(deal.Revise(new DealRevision(null, null, [], null, ForecastCategory.Commit), "olga.outside", Opened.AddDays(3)).IsDone);

        Assert.Equal((ForecastCategory.Commit, ForecastCategory.BestCase, "nina.manager", 4L), (deal.ForecastCategory, deal.ManagerCategory, deal.JudgedBy, deal.Version));
        var updates = deal.TakeDomainEvents().Cast<ForecastUpdated>().ToList();
        Assert.Equal(
            [(2L, ForecastCategory.Pipeline, (ForecastCategory?)null), (3L, ForecastCategory.Pipeline, ForecastCategory.BestCase), (4L, ForecastCategory.Commit, ForecastCategory.BestCase)],
            updates.Select(u => (u.Version, u.Category, u.ManagerCategory)));
    }

    [Fact]
    public void The_owner_or_a_manager_shapes_the_deals_team_which_the_owner_is_not_on_and_each_change_tells_the_whole_team()
    {
        var deal = NewDeal();

        Assert.Equal(DomainErrorKind.Forbidden, deal.SetTeamMember("sam.se", DealRole.SalesEngineer, "ivan.inside", byManager: false, Opened).Error?.Kind);
        Assert.Equal("member_id", deal.SetTeamMember("olga.outside", DealRole.Manager, "olga.outside", byManager: false, Opened).Error?.Field);
        Assert.True(deal.SetTeamMember("sam.se", DealRole.SalesEngineer, "olga.outside", byManager: false, Opened).IsDone);
        Assert.True(deal.SetTeamMember("ivan.inside", DealRole.InsideSales, "nina.manager", byManager: true, Opened).IsDone);
        Assert.True(deal.SetTeamMember("sam.se", DealRole.Partner, "olga.outside", byManager: false, Opened).IsDone);
        Assert.Equal("member_id", deal.RemoveTeamMember("nobody", "olga.outside", byManager: false, Opened).Error?.Field);
        Assert.True(deal.RemoveTeamMember("ivan.inside", "olga.outside", byManager: false, Opened).IsDone);

        Assert.True(deal.WithinReachOf(new SalesReach(false, "south", "sam.se")).IsDone);
        Assert.Equal(DomainErrorKind.Forbidden, deal.WithinReachOf(new SalesReach(false, "south", "ivan.inside")).Error?.Kind);
        var changes = deal.TakeDomainEvents().Cast<DealTeamChanged>().ToList();
        Assert.Equal([2L, 3L, 4L, 5L], changes.Select(c => c.Version));
        Assert.Equal([new TeamMember("ivan.inside", DealRole.InsideSales), new TeamMember("sam.se", DealRole.Partner)], changes[2].Members);
        Assert.Equal([new TeamMember("sam.se", DealRole.Partner)], changes[3].Members);
    }

    [Fact]
    public void A_deals_team_has_at_most_twenty_members()
    {
        var deal = NewDeal();
        for (var i = 0; i < Opportunity.LargestTeam; i++)
        {
            Assert.True(deal.SetTeamMember($"member-{i}", DealRole.Partner, "olga.outside", byManager: false, Opened).IsDone);
        }

        Assert.Equal("member_id", deal.SetTeamMember("one-more", DealRole.Partner, "olga.outside", byManager: false, Opened).Error?.Field);
        Assert.True(deal.SetTeamMember("member-0", DealRole.SalesEngineer, "olga.outside", byManager: false, Opened).IsDone);
    }

    [Fact]
    public void Won_and_lost_are_not_stages_to_move_to_and_a_win_needs_lines()
    {
        var deal = NewDeal();

        Assert.Equal(("stage", DomainErrorKind.Invalid), (deal.MoveTo(OpportunityStage.Won, "olga.outside", Opened).Error?.Field, deal.MoveTo(OpportunityStage.Lost, "olga.outside", Opened).Error?.Kind));
        Assert.Equal("lines", deal.Win([], null, null, null, "olga.outside", Opened).Error?.Field);
        Assert.Equal((OpportunityStage.Qualification, 1L), (deal.Stage, deal.Version));
    }

    [Fact]
    public void A_deal_of_a_customer_on_credit_hold_stays_open_and_the_refusal_names_the_hold()
    {
        var deal = NewDeal();

        var refused = deal.Win([Licences], null, null, "invoice INV-000031 overdue", "olga.outside", Opened.AddDays(5));

        Assert.Equal(DomainErrorKind.Precondition, refused.Error?.Kind);
        Assert.Contains("credit hold (invoice INV-000031 overdue)", refused.Error!.Message, StringComparison.Ordinal);
        Assert.Equal((OpportunityStage.Qualification, 1L, 0), (deal.Stage, deal.Version, deal.Lines.Count));
        Assert.Empty(deal.PendingDomainEvents());
    }

    [Fact]
    public void A_revision_keeps_what_it_leaves_out_and_states_the_whole_forecast()
    {
        var deal = NewDeal();
        deal.MoveTo(OpportunityStage.Proposal, "olga.outside", Opened.AddDays(1));
        deal.TakeDomainEvents();

        Assert.True(deal.Revise(new DealRevision(null, new DateOnly(2026, 9, 30), [], null, ForecastCategory.BestCase), "olga.outside", Opened.AddDays(2)).IsDone);

        var updated = Assert.IsType<ForecastUpdated>(Assert.Single(deal.TakeDomainEvents()));
        Assert.Equal((25, 10_000m, new DateOnly(2026, 9, 30)), (deal.Probability, deal.Amount, deal.CloseDate));
        Assert.Equal((OpportunityStage.Proposal, 25, new Money("EUR", 10_000m), new DateOnly(2026, 9, 30), ForecastCategory.BestCase, 3L), (updated.Stage, updated.Probability, updated.Amount, updated.ExpectedCloseOn, updated.Category, updated.Version));
    }

    [Fact]
    public void The_amount_stays_in_the_currency_of_the_lines()
    {
        var deal = NewDeal();
        Assert.True(deal.Revise(new DealRevision(null, null, [Licences], null, null), "olga.outside", Opened.AddDays(1)).IsDone);
        Assert.Equal((12_000m, "EUR"), (deal.Amount, deal.Currency));

        var refused = deal.Revise(new DealRevision(new Money("USD", 5_000m), null, [], 40, null), "olga.outside", Opened.AddDays(2));

        Assert.Equal((DomainErrorKind.Invalid, "amount.currency_code"), (refused.Error?.Kind, refused.Error?.Field));
        Assert.Equal((12_000m, "EUR", 10, 2L), (deal.Amount, deal.Currency, deal.Probability, deal.Version));
    }
}
