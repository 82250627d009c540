using Crm.Contracts;
using Crm.Contracts.Leads;
using Crm.Domain;

namespace Crm.Leads.Domain;

/// <summary>
/// A lead (a suspect) from capture to conversion: NEW, then QUALIFIED (BANT known), then CONVERTED into an opportunity,
/// or DISQUALIFIED with a reason. Every change increments <see cref="AggregateRoot.Version"/> and raises the event
/// that tells the other services.
/// </summary>
public sealed class Lead : AggregateRoot, IDripRecipient
{
    private Lead()
    {
    }

    public Guid LeadId { get; private set; }

    /// <summary>Orders lists, newest first; also the page token.</summary>
    public long Position { get; private set; }

    public LeadStatus Status { get; private set; }

    public LeadSource Source { get; private set; }

    public Guid? CampaignId { get; private set; }

    public CompanyDetails Company { get; private set; } = null!;

    public ContactDetails Contact { get; private set; } = null!;

    /// <summary>The normalised e-mail (<see cref="ContactPoints.EmailKey"/>), unique among leads.</summary>
    public string? EmailKey { get; private set; }

    /// <summary>The phone in E.164 (as captured), unique among leads.</summary>
    public string? PhoneKey { get; private set; }

    public string? Notes { get; private set; }

    public Qualification? Qualification { get; private set; }

    public string? QualifiedBy { get; private set; }

    public DateTimeOffset? QualifiedAt { get; private set; }

    public DisqualificationReason? DisqualificationReason { get; private set; }

    public string? DisqualificationNote { get; private set; }

    /// <summary>Assigned at conversion; the opportunities service opens the opportunity under this id.</summary>
    public Guid? OpportunityId { get; private set; }

    public string? OpportunityOwnerId { get; private set; }

    public string? OpportunityName { get; private set; }

    public string? ConvertedBy { get; private set; }

    public DateTimeOffset? ConvertedAt { get; private set; }

    /// <summary>The customer account the opportunities service matched or created; learnt from OpportunityOpened.</summary>
    public Guid? CustomerId { get; private set; }

    /// <summary>The day the deal the lead became was won; null until then (learnt from OpportunityWon).</summary>
    public DateOnly? WonOn { get; private set; }

    public decimal? WonAmount { get; private set; }

    public string? WonCurrency { get; private set; }

    /// <summary>What the won deal brought, attributed back to the lead's source and campaign; null until won.</summary>
    public Money? Won => WonCurrency is null ? null : new Money(WonCurrency, WonAmount ?? 0);

    /// <summary>Calls a cadence asked for that Inside Sales made (completed call tasks): engagement.</summary>
    public int CallsAnswered { get; private set; }

    /// <summary>Meetings scheduled with the customer the lead became (learnt from MeetingScheduled): engagement.</summary>
    public int Meetings { get; private set; }

    /// <summary>The score (0 to 100) and its reasons, kept up to date with every change (<see cref="LeadScore"/>).</summary>
    public int Score { get; private set; }

    public IReadOnlyList<ScoreContribution> ScoreContributions { get; private set; } = [];

    /// <summary>The version of the rules the score was computed by (<see cref="LeadScore.Rules"/>).</summary>
    public int ScoreRules { get; private set; }

    /// <summary>When the person behind the lead was erased; null while they are on record.</summary>
    public DateTimeOffset? ErasedAt { get; private set; }

    /// <summary>The person's word on each channel they gave one for (consent or opt-out), in channel order.</summary>
    public ChannelConsent[] Consents { get; private set; } = [];

    /// <summary>The sales team working the lead; none while it waits in the pool, for the first team that works it.</summary>
    public string? SalesTeam { get; private set; }

    public DateTimeOffset CapturedAt { get; private set; }

    public string CapturedBy { get; private set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>A new lead; the caller has validated the details, including an e-mail or a phone (in E.164). A rep's
    /// lead is their team's (<paramref name="salesTeam"/>); marketing's leads (none) wait in the pool.</summary>
    public static Lead Capture(LeadSource source, Guid? campaignId, CompanyDetails company, ContactDetails contact, string? notes, string by, DateTimeOffset at, string? salesTeam = null)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var lead = new Lead
        {
            LeadId = Guid.CreateVersion7(at),
            Status = LeadStatus.New,
            Source = source,
            CampaignId = campaignId,
            Company = company,
            Contact = contact,
            EmailKey = ContactPoints.EmailKey(contact.Email),
            PhoneKey = contact.Phone,
            Notes = notes,
            CapturedAt = at,
            CapturedBy = by,
            SalesTeam = salesTeam,
            UpdatedAt = at,
            Version = 1,
        };
        lead.Rescore();
        lead.Raise(LeadEvents.Captured(lead));
        return lead;
    }

    /// <summary>Whether someone who works <paramref name="reach"/> may see this lead: a pool lead, or one of a team they work.</summary>
    public Result WithinReachOf(SalesReach reach)
    {
        ArgumentNullException.ThrowIfNull(reach);
        return SalesTeam is null || reach.Covers(SalesTeam, owner: null)
            ? Result.Done
            : DomainError.Forbidden($"lead {LeadId} is worked by team {SalesTeam}: the caller works {reach} leads");
    }

    /// <summary>
    /// Whether someone who works <paramref name="reach"/> may work this lead; a rep or manager of a team who works a
    /// pool lead takes it for their team.
    /// </summary>
    public Result TakeUp(SalesReach reach)
    {
        if (WithinReachOf(reach) is { IsDone: false } refused)
        {
            return refused;
        }

        SalesTeam ??= reach.Everything ? null : reach.Team;
        return Result.Done;
    }

    /// <summary>Records the person's consent to a channel or their opt-out of it, whatever the lead's status: an
    /// objection always stands. Saying again what is on record changes nothing.</summary>
    public Result RecordConsent(ChannelConsent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        if (ChannelConsent.IsOnRecord(Consents, consent))
        {
            return Result.Done;
        }

        Consents = ChannelConsent.Record(Consents, consent);
        Changed(consent.RecordedAt);
        Raise(new LeadConsentRecorded(Guid.CreateVersion7(consent.RecordedAt), consent.RecordedAt, LeadId, Version, consent));
        return Result.Done;
    }

    /// <summary>Records BANT; only a NEW or QUALIFIED lead can be (re)qualified.</summary>
    public Result Qualify(Qualification qualification, string by, DateTimeOffset at)
    {
        if (Status is not (LeadStatus.New or LeadStatus.Qualified))
        {
            return DomainError.Precondition($"lead {LeadId} is {Describe(Status)}: only a new or qualified lead can be qualified");
        }

        Qualification = qualification;
        QualifiedBy = by;
        QualifiedAt = at;
        Status = LeadStatus.Qualified;
        Changed(at);
        Raise(LeadEvents.Qualified(this));
        return Result.Done;
    }

    /// <summary>Ends the lead with a reason; a converted lead is a customer's and cannot be disqualified.</summary>
    public Result Disqualify(DisqualificationReason reason, string? note, string by, DateTimeOffset at)
    {
        if (Status is LeadStatus.Converted)
        {
            return DomainError.Precondition($"lead {LeadId} is already converted into opportunity {OpportunityId}: work the opportunity instead (lose it with a reason)");
        }

        if (Status is LeadStatus.Disqualified)
        {
            return DomainError.Precondition($"lead {LeadId} is already disqualified ({DisqualificationReason?.ToWireName()})");
        }

        Status = LeadStatus.Disqualified;
        DisqualificationReason = reason;
        DisqualificationNote = note;
        Changed(at);
        Raise(LeadEvents.Disqualified(this, by));
        return Result.Done;
    }

    /// <summary>
    /// Converts a QUALIFIED lead and assigns the id of the opportunity to open for <paramref name="ownerId"/>. Converting
    /// it again for the same owner (a retry) changes nothing and raises nothing.
    /// </summary>
    public Result Convert(string ownerId, string opportunityName, string by, DateTimeOffset at)
    {
        if (Status is LeadStatus.Converted && OpportunityOwnerId == ownerId)
        {
            return Result.Done;
        }

        if (Status is LeadStatus.Converted)
        {
            return DomainError.Precondition($"lead {LeadId} is already converted into opportunity {OpportunityId} for {OpportunityOwnerId}");
        }

        if (Status is not LeadStatus.Qualified)
        {
            return DomainError.Precondition(Status == LeadStatus.New
                ? $"lead {LeadId} is not qualified yet: qualify it (QualifyLead) before converting it"
                : $"lead {LeadId} is {Describe(Status)}: only a qualified lead can be converted");
        }

        Status = LeadStatus.Converted;
        OpportunityId = Guid.CreateVersion7(at);
        OpportunityOwnerId = ownerId;
        OpportunityName = opportunityName;
        ConvertedBy = by;
        ConvertedAt = at;
        Changed(at);
        Raise(LeadEvents.Converted(this));
        return Result.Done;
    }

    /// <summary>Records the customer and opportunity the conversion led to; false when they were already recorded.</summary>
    public bool LinkOpportunity(Guid customerId, Guid opportunityId, DateTimeOffset at)
    {
        if (CustomerId == customerId && OpportunityId == opportunityId)
        {
            return false;
        }

        CustomerId = customerId;
        OpportunityId = opportunityId;
        Changed(at);
        return true;
    }

    /// <summary>Records that the deal this lead was converted into was won; false when it was already recorded (the
    /// broker may deliver an event twice).</summary>
    public bool RecordWin(Money total, DateOnly wonOn, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(total);
        if (WonOn == wonOn && Won == total)
        {
            return false;
        }

        WonOn = wonOn;
        WonAmount = total.Amount;
        WonCurrency = total.Currency;
        Changed(at);
        return true;
    }

    /// <summary>Why drip marketing must not touch this lead any more, or null while it may: a cadence stops for a person
    /// who opted out (of any channel: an objection is about being marketed to), is converted (sales talk to them now), is
    /// disqualified or is erased.</summary>
    public string? DripStopReason()
    {
        if (ErasedAt is not null)
        {
            return "erased";
        }

        if (Consents.FirstOrDefault(c => !c.Granted) is { } optOut)
        {
            return $"opted out of {optOut.Channel.ToString().ToLowerInvariant()}";
        }

        return Status switch
        {
            LeadStatus.Converted => "converted",
            LeadStatus.Disqualified => "disqualified",
            _ => null,
        };
    }

    public string FullName => $"{Contact.FirstName} {Contact.LastName}";

    public void Unsubscribe(DateTimeOffset at) => RecordConsent(ChannelConsent.Unsubscribed(at));

    public string? Email => Contact.Email;

    /// <summary>Whether a touch on <paramref name="channel"/> can reach the lead: an e-mail needs an address, a call or a
    /// fax a phone, a letter the company's address.</summary>
    public bool Reaches(TouchChannel channel) => channel switch
    {
        TouchChannel.Email => Contact.Email is not null,
        TouchChannel.PhoneCallTask or TouchChannel.Fax => Contact.Phone is not null,
        _ => Company.Address is not null,
    };

    public Touch TouchFor(Cadence cadence, int stepNumber, DateTimeOffset at, string? optOutToken)
    {
        ArgumentNullException.ThrowIfNull(cadence);
        var what = cadence.Step(stepNumber);
        return new Touch(Guid.CreateVersion7(at), LeadId, cadence.CadenceId, stepNumber, what.Channel, what.Subject, what.BodyFor(Contact.FirstName, Contact.LastName, Company.Name), at, optOutToken);
    }

    /// <summary>Records a touch a cadence sent, which the other services learn from TouchSent.</summary>
    public void RecordTouch(Touch touch)
    {
        ArgumentNullException.ThrowIfNull(touch);
        Changed(touch.SentAt);
        Raise(new TouchSent(Guid.CreateVersion7(touch.SentAt), touch.SentAt, LeadId, Version, touch.CadenceId, touch.TouchId, touch.Step, touch.Channel, touch.Subject));
    }

    /// <summary>
    /// Erases the person behind the lead, irreversibly: their name becomes <paramref name="pseudonym"/>; their title,
    /// e-mail, phone, the notes about them and their consents go. The lead's history stays (its source, campaign,
    /// status, who worked it and when) and so does the company (a business, not a person), so the funnel's figures
    /// still add up.
    /// Returns the person as the lead held them, so that copies elsewhere can be found.
    /// </summary>
    public ErasedLead ErasePerson(string pseudonym, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(pseudonym);
        var held = new ErasedLead(Contact, EmailKey, PhoneKey);
        Contact = new ContactDetails(pseudonym, pseudonym, null, null, null, Contact.BuyingRole);

        // Unique and never an address: the key must stay set (a lead is reachable somehow), and nobody can match it.
        EmailKey = $"{pseudonym}-{LeadId:N}";
        PhoneKey = null;
        Notes = null;
        DisqualificationNote = null;
        Consents = [];
        ErasedAt = at;
        Changed(at);
        return held;
    }

    /// <summary>A call the cadence asked for was made: the lead answered.</summary>
    public void RecordCallAnswered(DateTimeOffset at)
    {
        CallsAnswered++;
        Changed(at);
    }

    /// <summary>A meeting was scheduled with the customer the lead became (once per event: the inbox).</summary>
    public void RecordMeeting(DateTimeOffset at)
    {
        Meetings++;
        Changed(at);
    }

    /// <summary>Scores the lead by the current rules (also for leads scored by older ones); the score is no change of
    /// the lead's own and raises nothing.</summary>
    public void Rescore()
    {
        var score = LeadScore.Of(this);
        Score = score.Total;
        ScoreContributions = score.Contributions;
        ScoreRules = LeadScore.Rules;
    }

    private void Changed(DateTimeOffset at)
    {
        UpdatedAt = at;
        Version++;
        Rescore();
    }

    private static string Describe(LeadStatus status) => status switch
    {
        LeadStatus.Qualified => "qualified",
        LeadStatus.Disqualified => "disqualified",
        LeadStatus.Converted => "converted",
        _ => "new",
    };
}
