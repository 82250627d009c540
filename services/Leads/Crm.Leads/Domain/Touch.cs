using Crm.Contracts.Leads;

namespace Crm.Leads.Domain;

/// <summary>One touch a cadence sent to a lead or to a customer's contact (step <paramref name="Step"/>, from 1), with
/// its text as sent.</summary>
/// <param name="TouchId">Also its call task's id.</param>
/// <param name="LeadId">The lead it reached; null for a contact.</param>
/// <param name="CadenceId">The cadence.</param>
/// <param name="Step">The step's number.</param>
/// <param name="Channel">How.</param>
/// <param name="Subject">Its subject.</param>
/// <param name="Body">Its text, the person's names filled in.</param>
/// <param name="SentAt">When.</param>
/// <param name="OptOutToken">An e-mail's: the random token its opt-out link carries.</param>
/// <param name="ContactId">The customer's contact it reached; null for a lead.</param>
/// <param name="CustomerId">The contact's customer, whose timeline shows the touch.</param>
public sealed record Touch(Guid TouchId, Guid? LeadId, Guid CadenceId, int Step, TouchChannel Channel, string Subject, string Body, DateTimeOffset SentAt, string? OptOutToken, Guid? ContactId = null, Guid? CustomerId = null);
