using Crm.Api;
using Crm.Grpc;
using Grpc.Core;
using Crm.Leads.Domain;
using Crm.Leads.Features.Shared;
using Crm.Leads.Grpc.V1;
using Lead = Crm.Leads.Grpc.V1.Lead;

namespace Crm.Leads.Features;

/// <summary>Inside Sales qualifies (BANT) or disqualifies a lead.</summary>
public sealed partial class LeadsApi
{
    private const int MaxRequirements = 50;

    public override Task<Lead> QualifyLead(QualifyLeadRequest request, ServerCallContext context) => QualifyLeadAsync(request, context).Answer();

    private async Task<GrpcResult<Lead>> QualifyLeadAsync(QualifyLeadRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var leadId = check.Id(request.LeadId, "lead_id");
        var qualification = ReadQualification(request.Qualification, check);
        if (ExpectedVersion(request.ExpectedVersion, check) is { IsOk: false } failure)
        {
            return failure;
        }

        var by = Caller.Of(context);
        var now = Now();
        var changed = await ChangeLeadAsync(leadId, request.ExpectedVersion, lead => lead.Qualify(qualification!, by, now), context);
        return changed.ToResponse(lead => lead.ToMessage());
    }

    public override Task<Lead> DisqualifyLead(DisqualifyLeadRequest request, ServerCallContext context) => DisqualifyLeadAsync(request, context).Answer();

    private async Task<GrpcResult<Lead>> DisqualifyLeadAsync(DisqualifyLeadRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var leadId = check.Id(request.LeadId, "lead_id");
        var reason = check.Known(request.Reason, "reason", required: true);
        var note = check.OptionalText(request.Note, "note", TextLimits.Note);
        if (ExpectedVersion(request.ExpectedVersion, check) is { IsOk: false } failure)
        {
            return failure;
        }

        var by = Caller.Of(context);
        var now = Now();
        var changed = await ChangeLeadAsync(leadId, request.ExpectedVersion, lead => lead.Disqualify(WireMapping.ToDomain(reason), note, by, now), context);
        return changed.ToResponse(lead => lead.ToMessage());
    }

    private static Contracts.Leads.Qualification? ReadQualification(Grpc.V1.Qualification? qualification, RequestCheck check)
    {
        if (qualification is null)
        {
            check.Fail("qualification", "is required (at least the need)");
            return null;
        }

        var budget = check.Money(qualification.Budget, "qualification.budget", required: false);
        if (budget?.Amount < 0)
        {
            check.Fail("qualification.budget", "must not be negative");
        }

        var need = check.Text(qualification.Need, "qualification.need", TextLimits.Note);
        var decisionBy = check.Date(qualification.DecisionBy, "qualification.decision_by", required: false);
        var urgency = check.Known(qualification.Urgency, "qualification.urgency", required: false);
        if (qualification.Requirements.Count > MaxRequirements)
        {
            check.Fail("qualification.requirements", $"must hold at most {MaxRequirements} entries");
        }

        var requirements = new List<string>(qualification.Requirements.Count);
        for (var i = 0; i < qualification.Requirements.Count; i++)
        {
            var field = $"qualification.requirements[{i}]";
            var requirement = check.OptionalText(qualification.Requirements[i], field, TextLimits.Line);
            if (requirement is null)
            {
                check.Fail(field, "must not be empty");
            }
            else
            {
                requirements.Add(requirement);
            }
        }

        return new Contracts.Leads.Qualification(budget, qualification.HasAuthority, need, decisionBy, WireMapping.ToContract(urgency), requirements);
    }
}
