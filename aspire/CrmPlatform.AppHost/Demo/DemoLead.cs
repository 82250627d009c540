using Crm.Common.Grpc.V1;
using Crm.Opportunities.Grpc.V1;

namespace CrmPlatform.AppHost.Demo;

/// <summary>One company of the demo and how far its story goes.</summary>
/// <param name="Company">The company.</param>
/// <param name="Contact">First and last name of the person.</param>
/// <param name="Title">Their title.</param>
/// <param name="Role">Their part in the decision.</param>
/// <param name="Source">Where the lead came from.</param>
/// <param name="Campaign">Index into the demo's campaigns, or -1 for none.</param>
/// <param name="Outcome">How far Inside Sales got.</param>
/// <param name="Stage">For a converted lead, the stage its deal reaches (WON and LOST close it).</param>
/// <param name="Amount">The deal's amount in EUR.</param>
internal sealed record DemoLead(
    string Company,
    (string First, string Last) Contact,
    string Title,
    BuyingRole Role,
    LeadSource Source,
    int Campaign,
    DemoOutcome Outcome,
    Stage Stage = Stage.Qualification,
    decimal Amount = 0);
