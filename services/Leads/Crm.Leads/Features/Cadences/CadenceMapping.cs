using Crm.Api;
using Crm.Leads.Features.Shared;
using Google.Protobuf.WellKnownTypes;
using Domain = Crm.Leads.Domain;
using Wire = Crm.Leads.Grpc.V1;

namespace Crm.Leads.Features.Cadences;

/// <summary>Drip marketing's records in their API form, and a cadence's steps in the domain's.</summary>
internal static class CadenceMapping
{
    public static Wire.Segment ToMessage(this Domain.Segment segment) => new()
    {
        SegmentId = segment.SegmentId.ToString(),
        Name = segment.Name,
        Filter = new Wire.SegmentFilter
        {
            Sources = { segment.Filter.Sources.Select(CommonEnums.ToWire) },
            CampaignIds = { segment.Filter.CampaignIds.Select(c => c.ToString()) },
            Industries = { segment.Filter.Industries },
            Countries = { segment.Filter.Countries },
            Personas = { segment.Filter.Personas.Select(CommonEnums.ToWire) },
            MinimumScore = segment.Filter.MinimumScore,
            Audience = EnumNames.Convert<Domain.SegmentAudience, Wire.SegmentAudience>(segment.Filter.Audience),
        },
        CreatedBy = segment.CreatedBy,
        CreatedAt = DateConversions.ToTimestamp(segment.CreatedAt),
    };

    public static Wire.SegmentContact ToMessage(this Domain.KnownContact contact) => new()
    {
        ContactId = contact.ContactId.ToString(),
        CustomerId = contact.CustomerId.ToString(),
        FirstName = contact.FirstName,
        LastName = contact.LastName,
        Email = contact.Email ?? string.Empty,
        Phone = contact.Phone ?? string.Empty,
        Title = contact.Title ?? string.Empty,
        BuyingRole = CommonEnums.ToWire(contact.BuyingRole),
        CompanyName = contact.CompanyName,
        Industry = contact.Industry ?? string.Empty,
        Country = contact.Country ?? string.Empty,
    };

    public static Wire.Cadence ToMessage(this Domain.Cadence cadence, CadenceCounts counts) => new()
    {
        CadenceId = cadence.CadenceId.ToString(),
        Name = cadence.Name,
        SegmentId = cadence.SegmentId.ToString(),
        Steps = { cadence.Steps.Select(ToMessage) },
        Status = EnumNames.Convert<Domain.CadenceStatus, Wire.CadenceStatus>(cadence.Status),
        Enrolled = counts.Enrolled,
        Completed = counts.Completed,
        StoppedForLead = counts.StoppedForLead,
        TouchesSent = counts.TouchesSent,
        StartedBy = cadence.StartedBy,
        StartedAt = DateConversions.ToTimestamp(cadence.StartedAt),
        Version = cadence.Version,
    };

    public static Wire.Touch ToMessage(this Domain.Touch touch) => new()
    {
        TouchId = touch.TouchId.ToString(),
        LeadId = touch.LeadId?.ToString() ?? string.Empty,
        ContactId = touch.ContactId?.ToString() ?? string.Empty,
        CustomerId = touch.CustomerId?.ToString() ?? string.Empty,
        CadenceId = touch.CadenceId.ToString(),
        Step = touch.Step,
        Channel = ToWire(touch.Channel),
        Subject = touch.Subject,
        SentAt = DateConversions.ToTimestamp(touch.SentAt),
        Body = touch.Body,
    };

    public static Wire.CallTask ToMessage(this Domain.CallTask task, Domain.Lead lead) => new()
    {
        TaskId = task.TaskId.ToString(),
        LeadId = task.LeadId.ToString(),
        CadenceId = task.CadenceId.ToString(),
        Step = task.Step,
        Subject = task.Subject,
        Script = task.Script,
        CompanyName = lead.Company.Name,
        PersonName = $"{lead.Contact.FirstName} {lead.Contact.LastName}",
        Phone = lead.Contact.Phone ?? string.Empty,
        DueAt = DateConversions.ToTimestamp(task.DueAt),
        DoneAt = DateConversions.ToTimestamp(task.DoneAt),
        DoneBy = task.DoneBy ?? string.Empty,
        Outcome = task.Outcome ?? string.Empty,
    };

    /// <summary>A letter or fax with where it goes: the company's address for a letter, the person's number for a fax.</summary>
    public static Wire.MailRoomItem ToMailRoomItem(this Domain.Touch touch, Domain.Lead lead, Domain.TouchDispatch? dispatch)
    {
        ArgumentNullException.ThrowIfNull(touch);
        ArgumentNullException.ThrowIfNull(lead);
        var item = new Wire.MailRoomItem
        {
            Touch = touch.ToMessage(),
            RecipientName = lead.FullName,
            CompanyName = lead.Company.Name,
            FaxNumber = touch.Channel == Contracts.Leads.TouchChannel.Fax ? lead.Contact.Phone ?? string.Empty : string.Empty,
            DispatchedAt = DateConversions.ToTimestamp(dispatch?.DispatchedAt),
            DispatchedBy = dispatch?.DispatchedBy ?? string.Empty,
        };
        if (touch.Channel == Contracts.Leads.TouchChannel.Letter && lead.Company.Address is { } address)
        {
            item.Address = address.ToMessage();
        }

        return item;
    }

    public static Wire.TouchChannel ToWire(Contracts.Leads.TouchChannel channel) => EnumNames.Convert<Contracts.Leads.TouchChannel, Wire.TouchChannel>(channel);

    public static Contracts.Leads.TouchChannel ToContract(Wire.TouchChannel channel) => EnumNames.Convert<Wire.TouchChannel, Contracts.Leads.TouchChannel>(channel);

    private static Wire.CadenceStep ToMessage(Domain.CadenceStep step) => new()
    {
        Channel = ToWire(step.Channel),
        Wait = Duration.FromTimeSpan(step.Wait),
        Subject = step.Subject,
        Body = step.Body,
    };
}
