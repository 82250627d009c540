using System.Globalization;
using Crm.Api;
using Crm.Common.Grpc.V1;
using Crm.Opportunities.Domain;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Features;

/// <summary>The domain's records as the API answers them.</summary>
internal static class WireMapping
{
    /// <summary>The stage changes an opportunity message carries at most, the latest (documented in the API).</summary>
    public const int StageChangesShown = 20;

    /// <summary>The contacts an account message carries at most (documented in the API).</summary>
    public const int ContactsShown = 50;

    public static Wire.Account ToWire(this Account account)
    {
        var wire = new Wire.Account
        {
            CustomerId = account.CustomerId.ToString(),
            Name = account.Name,
            Industry = account.Industry ?? string.Empty,
            Website = account.Website ?? string.Empty,
            OwnerId = account.OwnerId ?? string.Empty,
            CreatedAt = DateConversions.ToTimestamp(account.CreatedAt),
            Version = account.Version,
            CreditHoldReason = account.CreditHoldReason ?? string.Empty,
        };
        if (account.Street is not null || account.City is not null || account.Country is not null)
        {
            wire.Address = new PostalAddress
            {
                Street = account.Street ?? string.Empty,
                City = account.City ?? string.Empty,
                Region = account.Region ?? string.Empty,
                PostalCode = account.PostalCode ?? string.Empty,
                Country = account.Country ?? string.Empty,
            };
        }

        // The most recent contacts, in the order they were added: an account of any size fits in a response.
        wire.Contacts.AddRange(account.Contacts.OrderByDescending(c => c.AddedAt).ThenByDescending(c => c.ContactId).Take(ContactsShown).Reverse().Select(ToWire));
        wire.ContactCount = account.Contacts.Count;
        return wire;
    }

    public static Wire.Contact ToWire(this Contact contact) => new()
    {
        ContactId = contact.ContactId.ToString(),
        FirstName = contact.FirstName,
        LastName = contact.LastName,
        Title = contact.Title ?? string.Empty,
        Email = contact.Email ?? string.Empty,
        Phone = contact.Phone ?? string.Empty,
        BuyingRole = CommonEnums.ToWire(contact.BuyingRole),
        Consents = { contact.Consents.Select(ConsentConversions.ToWire) },
    };

    public static Wire.Opportunity ToWire(this Opportunity opportunity)
    {
        var wire = new Wire.Opportunity
        {
            OpportunityId = opportunity.OpportunityId.ToString(),
            CustomerId = opportunity.CustomerId.ToString(),
            Name = opportunity.Name,
            Stage = WireEnums.ToWire(opportunity.Stage),
            Probability = opportunity.Probability,
            Amount = MoneyConversions.ToMoney(opportunity.Amount, opportunity.Currency),
            CloseDate = DateConversions.ToDate(opportunity.CloseDate),
            ForecastCategory = WireEnums.ToWire(opportunity.ForecastCategory),
            ManagerCategory = opportunity.ManagerCategory is { } judged ? WireEnums.ToWire(judged) : Wire.ForecastCategory.Unspecified,
            JudgedBy = opportunity.JudgedBy ?? string.Empty,
            TeamMembers =
            {
                opportunity.TeamMembers.OrderBy(m => m.MemberId, StringComparer.Ordinal)
                    .Select(m => new Wire.DealTeamMember { MemberId = m.MemberId, Role = EnumNames.Convert<Crm.Contracts.Opportunities.DealRole, Wire.DealRole>(m.Role) }),
            },
            OwnerId = opportunity.OwnerId,
            SalesTeam = opportunity.SalesTeam ?? string.Empty,
            LeadId = IdConversions.Write(opportunity.LeadId),
            LossReason = opportunity.LossReason ?? string.Empty,
            OpenedAt = DateConversions.ToTimestamp(opportunity.OpenedAt),
            ClosedAt = DateConversions.ToTimestamp(opportunity.ClosedAt),
            Version = opportunity.Version,
            ClosedBy = opportunity.ClosedBy ?? string.Empty,
        };
        wire.StageChanges.AddRange(opportunity.StageChanges.OrderByDescending(c => c.Version).Take(StageChangesShown).Reverse().Select(c => new Wire.StageChange
        {
            From = WireEnums.ToWire(c.FromStage), To = WireEnums.ToWire(c.ToStage), At = DateConversions.ToTimestamp(c.ChangedAt), By = c.ChangedBy,
        }));
        wire.Lines.AddRange(opportunity.Lines.OrderBy(l => l.Position).Select(l => new Wire.OpportunityLine
        {
            ProductId = l.ProductId.ToString(),
            ProductName = l.ProductName,
            Quantity = l.Quantity.ToString("0.###", CultureInfo.InvariantCulture),
            UnitPrice = MoneyConversions.ToMoney(l.UnitPrice, l.Currency),
        }));
        return wire;
    }

    public static Wire.Activity ToWire(this Activity activity) => new()
    {
        ActivityId = activity.ActivityId.ToString(),
        CustomerId = activity.CustomerId.ToString(),
        OpportunityId = IdConversions.Write(activity.OpportunityId),
        Kind = WireEnums.ToWire(activity.Kind),
        Subject = activity.Subject,
        Notes = activity.Notes ?? string.Empty,
        LoggedBy = activity.LoggedBy,
        Department = WireEnums.ToDepartment(activity.Department),
        OccurredAt = DateConversions.ToTimestamp(activity.OccurredAt),
        Outcome = CommonEnums.ToWire(activity.Outcome),
    };

    public static Wire.Meeting ToWire(this Meeting meeting)
    {
        var wire = new Wire.Meeting
        {
            MeetingId = meeting.MeetingId.ToString(),
            CustomerId = meeting.CustomerId.ToString(),
            OpportunityId = IdConversions.Write(meeting.OpportunityId),
            Subject = meeting.Subject,
            StartsAt = DateConversions.ToTimestamp(meeting.StartsAt),
            EndsAt = DateConversions.ToTimestamp(meeting.EndsAt),
            OrganizerId = meeting.OrganizerId,
            Postponed = meeting.Postponed,
        };
        wire.AttendeeContactIds.AddRange(meeting.AttendeeContactIds.Select(id => id.ToString()));
        return wire;
    }
}
