using Crm.Contracts.Leads;

namespace Crm.Leads.Domain;

/// <summary>One touch a cadence sent to a lead (step <paramref name="Step"/>, from 1), with its text as sent.</summary>
/// <param name="TouchId">Also its call task's id.</param>
/// <param name="LeadId">Whom it reached.</param>
/// <param name="CadenceId">The cadence.</param>
/// <param name="Step">The step's number.</param>
/// <param name="Channel">How.</param>
/// <param name="Subject">Its subject.</param>
/// <param name="Body">Its text, the lead's names filled in.</param>
/// <param name="SentAt">When.</param>
/// <param name="OptOutToken">An e-mail's: the random token its opt-out link carries.</param>
public sealed record Touch(Guid TouchId, Guid LeadId, Guid CadenceId, int Step, TouchChannel Channel, string Subject, string Body, DateTimeOffset SentAt, string? OptOutToken);
