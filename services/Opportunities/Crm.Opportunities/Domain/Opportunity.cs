using Crm.Contracts;
using Crm.Contracts.Opportunities;
using Crm.Domain;

namespace Crm.Opportunities.Domain;

/// <summary>
/// A deal worked through the stages to a win or a loss: what, when, how likely and how much. Its rules: a closed deal
/// no longer changes; WON and LOST are reached only by winning (with the final lines) and losing (with a reason); the
/// amount is in the currency of the lines. Each change raises the event that tells the other services, at the new
/// <see cref="AggregateRoot.Version"/>.
/// </summary>
internal sealed partial class Opportunity : AggregateRoot
{
    /// <summary>The most members a deal's team has besides its owner.</summary>
    public const int LargestTeam = 20;

    private Opportunity()
    {
    }

    public Guid OpportunityId { get; private set; }

    public Guid CustomerId { get; private set; }

    /// <summary>Orders lists, newest first; also the page token.</summary>
    public long Position { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public OpportunityStage Stage { get; private set; }

    /// <summary>0..100: the stage's default (<see cref="StageProbability"/>) unless a rep set it.</summary>
    public int Probability { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = string.Empty;

    public DateOnly CloseDate { get; private set; }

    /// <summary>How the owner calls the deal in the forecast; only the owner changes it (winning closes it, losing omits it).</summary>
    public ForecastCategory ForecastCategory { get; private set; }

    /// <summary>A sales manager's own judgement of the category, kept beside the owner's; null while none judged.</summary>
    public ForecastCategory? ManagerCategory { get; private set; }

    /// <summary>The manager who judged it last.</summary>
    public string? JudgedBy { get; private set; }

    public string OwnerId { get; private set; } = string.Empty;

    /// <summary>The sales team whose deal it is (its manager and reps work it); none for a deal of no team.</summary>
    public string? SalesTeam { get; private set; }

    public Guid? LeadId { get; private set; }

    public LeadSource? Source { get; private set; }

    public Guid? CampaignId { get; private set; }

    public string? LossReason { get; private set; }

    public string? PurchaseOrderNumber { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Who won or lost it.</summary>
    public string? ClosedBy { get; private set; }

    public ICollection<OpportunityLineItem> Lines { get; } = [];

    /// <summary>Every move between open stages, with who made it.</summary>
    public ICollection<StageChange> StageChanges { get; } = [];

    /// <summary>The deal's team beside its owner (team selling).</summary>
    public ICollection<DealTeamMember> TeamMembers { get; } = [];

    public bool IsOpen => Stage is not (OpportunityStage.Won or OpportunityStage.Lost);

    /// <summary>Whether someone who works <paramref name="reach"/> may see and work this deal: its sales team's, its
    /// owner's and the members of its deal team.</summary>
    public Result WithinReachOf(SalesReach reach)
    {
        ArgumentNullException.ThrowIfNull(reach);
        return reach.Covers(SalesTeam, OwnerId) || (reach.Owner is { } me && TeamMembers.Any(m => m.MemberId == me))
            ? Result.Done
            : DomainError.Forbidden($"opportunity {OpportunityId} is {(SalesTeam is null ? "no team's" : $"team {SalesTeam}'s")} deal, owned by {OwnerId}: the caller works {reach} deals");
    }

    /// <summary>What <paramref name="lines"/> add up to, in their currency (there is at least one).</summary>
    public static Money TotalOf(IReadOnlyList<OpportunityLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return new Money(lines[0].UnitPrice.Currency, lines.Sum(l => l.Quantity * l.UnitPrice.Amount));
    }

    /// <summary>Opens a deal in Qualification, at the stage's default probability, in the Pipeline category.</summary>
    public static Opportunity Open(OpportunityOrigin origin, Guid customerId, string name, string ownerId, Money amount, DateOnly closeDate, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(amount);
        var opportunity = new Opportunity
        {
            OpportunityId = origin.OpportunityId,
            CustomerId = customerId,
            Name = name,
            Stage = OpportunityStage.Qualification,
            Probability = StageProbability.Default(OpportunityStage.Qualification),
            Amount = amount.Amount,
            Currency = amount.Currency,
            CloseDate = closeDate,
            ForecastCategory = ForecastCategory.Pipeline,
            OwnerId = ownerId,
            SalesTeam = origin.SalesTeam,
            LeadId = origin.LeadId,
            Source = origin.Source,
            CampaignId = origin.CampaignId,
            OpenedAt = at,
            Version = 1,
        };
        opportunity.Raise(new OpportunityOpened(
            Guid.CreateVersion7(at), at, customerId, opportunity.OpportunityId, opportunity.Version, name, ownerId, opportunity.Stage,
            opportunity.Probability, amount, closeDate, origin.Source, origin.CampaignId, origin.LeadId, opportunity.SalesTeam));
        return opportunity;
    }

    /// <summary>Moves an open deal to another open stage, at that stage's default probability; the same stage changes nothing.</summary>
    public Result MoveTo(OpportunityStage stage, string by, DateTimeOffset at)
    {
        if (stage is OpportunityStage.Won or OpportunityStage.Lost)
        {
            return DomainError.Invalid("stage", "WON and LOST are reached through WinOpportunity and LoseOpportunity");
        }

        if (Closed() is { } closed)
        {
            return closed;
        }

        if (stage == Stage)
        {
            return Result.Done;
        }

        var previous = Stage;
        Stage = stage;
        Probability = StageProbability.Default(stage);
        Version++;
        StageChanges.Add(new StageChange(Guid.CreateVersion7(at), OpportunityId, Version, previous, stage, at, by));
        Raise(new OpportunityStageChanged(Guid.CreateVersion7(at), at, CustomerId, OpportunityId, Version, previous, stage, Probability, by));
        return Result.Done;
    }

    /// <summary>
    /// Revises what, how much, when and how likely; a part left null keeps its value. New lines replace the old ones and,
    /// without an amount, set it to their total; the amount must be in the lines' currency. Only the owner changes the
    /// category: the forecast is theirs, and a manager's view is kept beside it (<see cref="Judge"/>).
    /// </summary>
    public Result Revise(DealRevision revision, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(revision);
        if (Closed() is { } closed)
        {
            return closed;
        }

        if (revision.Category == ForecastCategory.Closed)
        {
            return DomainError.Invalid("forecast_category", "CLOSED comes with winning the deal, not with a revision");
        }

        if (revision.Category is { } category && category != ForecastCategory && !string.Equals(by, OwnerId, StringComparison.Ordinal))
        {
            return DomainError.Forbidden($"only the deal's owner ({OwnerId}) sets its forecast category; a sales manager gives their own judgement beside it (JudgeForecast)");
        }

        var lines = revision.Lines;
        var amount = revision.Amount ?? (lines.Count > 0 ? TotalOf(lines) : null);
        var linesCurrency = lines.Count > 0 ? lines[0].UnitPrice.Currency : Lines.FirstOrDefault()?.Currency;
        if (amount is not null && linesCurrency is not null && amount.Currency != linesCurrency)
        {
            return DomainError.Invalid("amount.currency_code", $"must be {linesCurrency}, the currency of the opportunity's lines");
        }

        if (lines.Count > 0)
        {
            ReplaceLines(lines);
        }

        if (amount is not null)
        {
            Amount = amount.Amount;
            Currency = amount.Currency;
        }

        CloseDate = revision.CloseDate ?? CloseDate;
        Probability = revision.Probability ?? Probability;
        ForecastCategory = revision.Category ?? ForecastCategory;
        Version++;
        RaiseForecastUpdated(at);
        return Result.Done;
    }

    /// <summary>
    /// Puts <paramref name="memberId"/> on the deal's team in <paramref name="role"/>, or gives a member another role. Only
    /// the owner or a sales manager who works the deal shapes its team (<paramref name="byManager"/>); the owner is no member.
    /// </summary>
    public Result SetTeamMember(string memberId, DealRole role, string by, bool byManager, DateTimeOffset at)
    {
        if (TeamRefusal(by, byManager) is { } refused)
        {
            return refused;
        }

        if (string.Equals(memberId, OwnerId, StringComparison.Ordinal))
        {
            return DomainError.Invalid("member_id", $"{memberId} owns the deal: the owner is not a member of its team");
        }

        var member = TeamMembers.FirstOrDefault(m => m.MemberId == memberId);
        if (member is null && TeamMembers.Count >= LargestTeam)
        {
            return DomainError.Invalid("member_id", $"a deal's team has at most {LargestTeam} members besides its owner");
        }

        if (member is null)
        {
            TeamMembers.Add(new DealTeamMember { OpportunityId = OpportunityId, MemberId = memberId, Role = role, AddedBy = by, AddedAt = at });
        }
        else
        {
            member.Role = role;
        }

        RaiseTeamChanged(at);
        return Result.Done;
    }

    /// <summary>Takes <paramref name="memberId"/> off the deal's team; from then on they reach it only as anyone else would.</summary>
    public Result RemoveTeamMember(string memberId, string by, bool byManager, DateTimeOffset at)
    {
        if (TeamRefusal(by, byManager) is { } refused)
        {
            return refused;
        }

        if (TeamMembers.FirstOrDefault(m => m.MemberId == memberId) is not { } member)
        {
            return DomainError.NotFound($"{memberId} is not on the team of opportunity {OpportunityId}", "member_id");
        }

        TeamMembers.Remove(member);
        RaiseTeamChanged(at);
        return Result.Done;
    }

    private DomainError? TeamRefusal(string by, bool byManager) =>
        Closed() ?? (byManager || string.Equals(by, OwnerId, StringComparison.Ordinal)
            ? null
            : DomainError.Forbidden($"only the deal's owner ({OwnerId}) or a sales manager shapes its team"));

    private void RaiseTeamChanged(DateTimeOffset at)
    {
        Version++;
        Raise(new DealTeamChanged(
            Guid.CreateVersion7(at), at, CustomerId, OpportunityId, Version, OwnerId,
            [.. TeamMembers.OrderBy(m => m.MemberId, StringComparer.Ordinal).Select(m => new TeamMember(m.MemberId, m.Role))]));
    }

    /// <summary>A sales manager's judgement of the deal's category, kept beside the owner's, which it does not change.</summary>
    public Result Judge(ForecastCategory category, string by, DateTimeOffset at)
    {
        if (Closed() is { } closed)
        {
            return closed;
        }

        if (category == ForecastCategory.Closed)
        {
            return DomainError.Invalid("manager_category", "CLOSED comes with winning the deal, not with a judgement");
        }

        (ManagerCategory, JudgedBy) = (category, by);
        Version++;
        RaiseForecastUpdated(at);
        return Result.Done;
    }

    private void RaiseForecastUpdated(DateTimeOffset at) => Raise(new ForecastUpdated(
        Guid.CreateVersion7(at), at, CustomerId, OpportunityId, Version, OwnerId, Stage, ForecastCategory, Probability, new Money(Currency, Amount), CloseDate, ManagerCategory));

    /// <summary>
    /// Wins an open deal with its final <paramref name="lines"/>, which become its amount; the order is booked from the
    /// event alone, so it carries the lines, where to ship and the customer's purchase order number. Not while the
    /// customer is on credit hold (<paramref name="creditHold"/>, its reason): orders would refuse the order, and the
    /// deal would count as won revenue that never comes. It stays open, to be won once Accounting releases the hold.
    /// </summary>
    public Result Win(IReadOnlyList<OpportunityLine> lines, PostalAddress? shipTo, string? purchaseOrderNumber, string? creditHold, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return DomainError.Invalid("lines", "are required: the order is booked from them");
        }

        if (Closed() is { } closed)
        {
            return closed;
        }

        if (creditHold is not null)
        {
            return DomainError.Precondition(
                $"customer {CustomerId} is on credit hold ({creditHold}): the deal stays open and can be won once Accounting releases the hold (when the overdue invoices are paid)");
        }

        var total = TotalOf(lines);
        ReplaceLines(lines);
        Stage = OpportunityStage.Won;
        ForecastCategory = ForecastCategory.Closed;
        Probability = StageProbability.Default(OpportunityStage.Won);
        Amount = total.Amount;
        Currency = total.Currency;
        ClosedAt = at;
        ClosedBy = by;
        PurchaseOrderNumber = purchaseOrderNumber;
        Version++;
        Raise(new OpportunityWon(
            Guid.CreateVersion7(at), at, CustomerId, OpportunityId, Version, OwnerId, lines, total, DateOnly.FromDateTime(at.UtcDateTime), shipTo, purchaseOrderNumber));
        return Result.Done;
    }

    /// <summary>Loses an open deal with the reason; the event keeps the stage it was lost in and the amount lost.</summary>
    public Result Lose(string reason, string by, DateTimeOffset at)
    {
        if (Closed() is { } closed)
        {
            return closed;
        }

        var lastStage = Stage;
        Stage = OpportunityStage.Lost;
        ForecastCategory = ForecastCategory.Omitted;
        Probability = StageProbability.Default(OpportunityStage.Lost);
        LossReason = reason;
        ClosedAt = at;
        ClosedBy = by;
        Version++;
        Raise(new OpportunityLost(
            Guid.CreateVersion7(at), at, CustomerId, OpportunityId, Version, OwnerId, lastStage, reason, null, new Money(Currency, Amount)));
        return Result.Done;
    }

    public IReadOnlyList<OpportunityLine> ContractLines() =>
        [.. Lines.OrderBy(l => l.Position).Select(l => new OpportunityLine(l.ProductId, l.ProductName, l.Quantity, new Money(l.Currency, l.UnitPrice)))];

    private DomainError? Closed() =>
        IsOpen ? null : DomainError.Precondition($"opportunity {OpportunityId} is already {Stage.ToString().ToLowerInvariant()}: a closed deal no longer changes");

    private void ReplaceLines(IEnumerable<OpportunityLine> lines)
    {
        Lines.Clear();
        var position = 0;
        foreach (var line in lines)
        {
            Lines.Add(new OpportunityLineItem
            {
                LineId = Guid.NewGuid(),
                OpportunityId = OpportunityId,
                Position = position++,
                ProductId = line.ProductId,
                ProductName = line.ProductName,
                Quantity = line.Quantity,
                UnitPrice = line.UnitPrice.Amount,
                Currency = line.UnitPrice.Currency,
            });
        }
    }
}
