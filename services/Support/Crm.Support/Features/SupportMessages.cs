using Crm.Api;
using Crm.Support.Domain;
using static Crm.Api.DateConversions;
using Events = Crm.Contracts.Support;
using V1 = Crm.Support.Grpc.V1;

namespace Crm.Support.Features;

/// <summary>The service's records as the API shows them, and the API's and the events' names for the same things.</summary>
internal static class SupportMessages
{
    /// <summary>The interactions a case message carries at most (documented in the API).</summary>
    public const int InteractionsShown = 20;

    public static V1.Case ToMessage(this SupportCase supportCase)
    {
        var message = new V1.Case
        {
            CaseId = supportCase.Id.ToString(),
            CustomerId = supportCase.CustomerId.ToString(),
            Kind = supportCase.Kind == Events.CaseKind.Problem ? V1.CaseKind.Problem : V1.CaseKind.Inquiry,
            Priority = supportCase.Priority,
            Status = supportCase.Status switch
            {
                CaseStatus.Open => V1.CaseStatus.CaseOpen,
                CaseStatus.InProgress => V1.CaseStatus.InProgress,
                CaseStatus.WaitingOnCustomer => V1.CaseStatus.WaitingOnCustomer,
                CaseStatus.Escalated => V1.CaseStatus.Escalated,
                CaseStatus.Resolved => V1.CaseStatus.Resolved,
                _ => V1.CaseStatus.Unspecified,
            },
            Subject = supportCase.Subject,
            Description = supportCase.Description,
            AssigneeId = supportCase.AssigneeId,
            RespondBy = ToTimestamp(supportCase.RespondBy),
            ResolveBy = ToTimestamp(supportCase.ResolveBy),
            Resolution = supportCase.Resolution,
            OpenedAt = ToTimestamp(supportCase.OpenedAt),
            ResolvedAt = ToTimestamp(supportCase.ResolvedAt),
            Version = supportCase.Version,
            EscalationLevel = supportCase.EscalationLevel,
            EscalatedAt = ToTimestamp(supportCase.EscalatedAt),
            ResolvedBy = supportCase.ResolvedBy ?? string.Empty,
        };
        // The most recent interactions: a case of any length fits in a response.
        message.Interactions.AddRange(supportCase.Interactions.OrderByDescending(i => i.OccurredAt).Take(InteractionsShown).Select(ToMessage));
        message.InteractionCount = supportCase.Interactions.Count;
        return message;
    }

    public static V1.Interaction ToMessage(this Interaction interaction) => new()
    {
        InteractionId = interaction.Id.ToString(),
        CaseId = interaction.CaseId.ToString(),
        CustomerId = interaction.CustomerId.ToString(),
        Channel = EnumNames.Convert<InteractionChannel, V1.InteractionChannel>(interaction.Channel),
        Summary = interaction.Summary,
        LoggedBy = interaction.LoggedBy,
        Department = CommonEnums.ToWire(interaction.Department),
        OccurredAt = ToTimestamp(interaction.OccurredAt),
        Outcome = CommonEnums.ToWire(interaction.Outcome),
    };

    /// <summary>The domain's status for a known status of the API (a filter).</summary>
    public static CaseStatus ToDomain(V1.CaseStatus status) =>
        status == V1.CaseStatus.Resolved ? CaseStatus.Resolved : status.ToSettableStatus() ?? throw new ArgumentOutOfRangeException(nameof(status), status, "not a case status");

    /// <summary>The domain's status for a status the API may set; null for none (unspecified, resolved, unknown).</summary>
    public static CaseStatus? ToSettableStatus(this V1.CaseStatus status) => status switch
    {
        V1.CaseStatus.CaseOpen => CaseStatus.Open,
        V1.CaseStatus.InProgress => CaseStatus.InProgress,
        V1.CaseStatus.WaitingOnCustomer => CaseStatus.WaitingOnCustomer,
        V1.CaseStatus.Escalated => CaseStatus.Escalated,
        _ => null,
    };
}
