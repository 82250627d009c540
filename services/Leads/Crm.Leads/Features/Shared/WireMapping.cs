using Crm.Api;
using Crm.Contracts.Leads;
using Crm.Leads.Domain;
using Contracts = Crm.Contracts;
using Wire = Crm.Common.Grpc.V1;
using WireLeads = Crm.Leads.Grpc.V1;

namespace Crm.Leads.Features.Shared;

/// <summary>The leads service's records in their API form, and the API's shared enums in the contracts' form.</summary>
internal static class WireMapping
{
    public static WireLeads.Campaign ToMessage(this Campaign campaign)
    {
        var message = new WireLeads.Campaign
        {
            CampaignId = campaign.CampaignId.ToString(),
            Name = campaign.Name,
            Type = ToWire(campaign.Type),
            StartsOn = DateConversions.ToDate(campaign.StartsOn),
            EndsOn = DateConversions.ToDate(campaign.EndsOn),
            Version = campaign.Version,
            LaunchedAt = DateConversions.ToTimestamp(campaign.LaunchedAt),
        };
        if (campaign.Total is { } total)
        {
            message.TotalCost = MoneyConversions.ToMoney(total.Amount, total.Currency);
        }

        if (campaign.Budget is { } budget)
        {
            message.Budget = MoneyConversions.ToMoney(budget.Amount, budget.Currency);
        }

        return message;
    }

    public static WireLeads.Lead ToMessage(this Lead lead)
    {
        var message = new WireLeads.Lead
        {
            LeadId = lead.LeadId.ToString(),
            Status = ToWire(lead.Status),
            Source = CommonEnums.ToWire(lead.Source),
            CampaignId = lead.CampaignId?.ToString() ?? string.Empty,
            Company = ToMessage(lead.Company),
            Contact = ToMessage(lead.Contact),
            DisqualificationReason = lead.DisqualificationReason is { } reason ? ToWire(reason) : WireLeads.DisqualificationReason.Unspecified,
            CustomerId = lead.CustomerId?.ToString() ?? string.Empty,
            OpportunityId = lead.OpportunityId?.ToString() ?? string.Empty,
            CapturedAt = DateConversions.ToTimestamp(lead.CapturedAt),
            UpdatedAt = DateConversions.ToTimestamp(lead.UpdatedAt),
            Version = lead.Version,
            CapturedBy = lead.CapturedBy,
            SalesTeam = lead.SalesTeam ?? string.Empty,
            Consents = { lead.Consents.Select(ConsentConversions.ToWire) },
            QualifiedAt = DateConversions.ToTimestamp(lead.QualifiedAt),
            QualifiedBy = lead.QualifiedBy ?? string.Empty,
            ConvertedAt = DateConversions.ToTimestamp(lead.ConvertedAt),
            ConvertedBy = lead.ConvertedBy ?? string.Empty,
            Score = lead.Score,
            ScoreContributions =
            {
                lead.ScoreContributions.Select(c => new WireLeads.ScoreContribution { Part = c.Part.ToString().ToLowerInvariant(), Reason = c.Reason, Points = c.Points }),
            },
        };
        if (lead.Qualification is { } qualification)
        {
            message.Qualification = ToMessage(qualification);
        }

        return message;
    }

    public static WireLeads.LeadStatus ToWire(LeadStatus status) => EnumNames.Convert<LeadStatus, WireLeads.LeadStatus>(status);

    public static LeadStatus ToDomain(WireLeads.LeadStatus status) => EnumNames.Convert<WireLeads.LeadStatus, LeadStatus>(status);

    public static WireLeads.CampaignType ToWire(CampaignType type) => EnumNames.Convert<CampaignType, WireLeads.CampaignType>(type);

    public static CampaignType ToDomain(WireLeads.CampaignType type) => EnumNames.Convert<WireLeads.CampaignType, CampaignType>(type);

    public static WireLeads.DisqualificationReason ToWire(DisqualificationReason reason) => EnumNames.Convert<DisqualificationReason, WireLeads.DisqualificationReason>(reason);

    public static DisqualificationReason ToDomain(WireLeads.DisqualificationReason reason) => EnumNames.Convert<WireLeads.DisqualificationReason, DisqualificationReason>(reason);

    /// <summary>The API's three urgencies on the contract's scale of 1 to 5 (0: not assessed).</summary>
    public static int ToContract(WireLeads.Urgency urgency) => urgency switch
    {
        WireLeads.Urgency.Low => 1,
        WireLeads.Urgency.Medium => 3,
        WireLeads.Urgency.High => 5,
        _ => 0,
    };

    public static WireLeads.Urgency ToWire(int urgency) => urgency switch
    {
        <= 0 => WireLeads.Urgency.Unspecified,
        <= 2 => WireLeads.Urgency.Low,
        3 => WireLeads.Urgency.Medium,
        _ => WireLeads.Urgency.High,
    };

    private static WireLeads.Company ToMessage(CompanyDetails company)
    {
        var message = new WireLeads.Company
        {
            Name = company.Name,
            Industry = company.Industry ?? string.Empty,
            Website = company.Website ?? string.Empty,
            EmployeeCount = company.EmployeeCount ?? 0,
        };
        if (company.Address is { } address)
        {
            message.Address = address.ToMessage();
        }

        return message;
    }

    public static Wire.PostalAddress ToMessage(this Contracts.PostalAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new Wire.PostalAddress
        {
            Street = address.Street,
            City = address.City,
            Region = address.Region ?? string.Empty,
            PostalCode = address.PostalCode,
            Country = address.Country,
        };
    }

    private static WireLeads.Person ToMessage(ContactDetails contact) => new()
    {
        FirstName = contact.FirstName,
        LastName = contact.LastName,
        Title = contact.Title ?? string.Empty,
        Email = contact.Email ?? string.Empty,
        Phone = contact.Phone ?? string.Empty,
        BuyingRole = CommonEnums.ToWire(contact.BuyingRole),
    };

    private static WireLeads.Qualification ToMessage(Qualification qualification)
    {
        var message = new WireLeads.Qualification
        {
            HasAuthority = qualification.HasAuthority,
            Need = qualification.Need,
            DecisionBy = DateConversions.ToDate(qualification.DecisionBy),
            Urgency = ToWire(qualification.Urgency),
            Requirements = { qualification.Requirements },
        };
        if (qualification.Budget is { } budget)
        {
            message.Budget = MoneyConversions.ToMoney(budget.Amount, budget.Currency);
        }

        return message;
    }
}
