using Crm.Contracts.Opportunities;
using Shared = Crm.Common.Grpc.V1;
using Contracts = Crm.Contracts;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Features;

/// <summary>The API's enums to and from the contracts' (which the domain uses); UNSPECIFIED maps to null.</summary>
internal static class WireEnums
{
    public static OpportunityStage? ToStage(Wire.Stage stage) => stage switch
    {
        Wire.Stage.Qualification => OpportunityStage.Qualification,
        Wire.Stage.Proposal => OpportunityStage.Proposal,
        Wire.Stage.Negotiation => OpportunityStage.Negotiation,
        Wire.Stage.HandlingObjections => OpportunityStage.HandlingObjections,
        Wire.Stage.Closing => OpportunityStage.Closing,
        Wire.Stage.Won => OpportunityStage.Won,
        Wire.Stage.Lost => OpportunityStage.Lost,
        _ => null,
    };

    public static Wire.Stage ToWire(OpportunityStage stage) => stage switch
    {
        OpportunityStage.Qualification => Wire.Stage.Qualification,
        OpportunityStage.Proposal => Wire.Stage.Proposal,
        OpportunityStage.Negotiation => Wire.Stage.Negotiation,
        OpportunityStage.HandlingObjections => Wire.Stage.HandlingObjections,
        OpportunityStage.Closing => Wire.Stage.Closing,
        OpportunityStage.Won => Wire.Stage.Won,
        OpportunityStage.Lost => Wire.Stage.Lost,
        _ => Wire.Stage.Unspecified,
    };

    public static ForecastCategory? ToCategory(Wire.ForecastCategory category) => category switch
    {
        Wire.ForecastCategory.Pipeline => ForecastCategory.Pipeline,
        Wire.ForecastCategory.BestCase => ForecastCategory.BestCase,
        Wire.ForecastCategory.Commit => ForecastCategory.Commit,
        Wire.ForecastCategory.Omitted => ForecastCategory.Omitted,
        Wire.ForecastCategory.Closed => ForecastCategory.Closed,
        _ => null,
    };

    public static Wire.ForecastCategory ToWire(ForecastCategory category) => category switch
    {
        ForecastCategory.Pipeline => Wire.ForecastCategory.Pipeline,
        ForecastCategory.BestCase => Wire.ForecastCategory.BestCase,
        ForecastCategory.Commit => Wire.ForecastCategory.Commit,
        ForecastCategory.Omitted => Wire.ForecastCategory.Omitted,
        ForecastCategory.Closed => Wire.ForecastCategory.Closed,
        _ => Wire.ForecastCategory.Unspecified,
    };

    public static ActivityKind? ToKind(Wire.ActivityKind kind) => kind switch
    {
        Wire.ActivityKind.Call => ActivityKind.Call,
        Wire.ActivityKind.Meeting => ActivityKind.Meeting,
        Wire.ActivityKind.EmailIn => ActivityKind.EmailIn,
        Wire.ActivityKind.EmailOut => ActivityKind.EmailOut,
        Wire.ActivityKind.Letter => ActivityKind.Letter,
        Wire.ActivityKind.Note => ActivityKind.Note,
        Wire.ActivityKind.DocumentSent => ActivityKind.DocumentSent,
        _ => null,
    };

    public static Wire.ActivityKind ToWire(ActivityKind kind) => kind switch
    {
        ActivityKind.Call => Wire.ActivityKind.Call,
        ActivityKind.Meeting => Wire.ActivityKind.Meeting,
        ActivityKind.EmailIn => Wire.ActivityKind.EmailIn,
        ActivityKind.EmailOut => Wire.ActivityKind.EmailOut,
        ActivityKind.Letter => Wire.ActivityKind.Letter,
        ActivityKind.Note => Wire.ActivityKind.Note,
        ActivityKind.DocumentSent => Wire.ActivityKind.DocumentSent,
        _ => Wire.ActivityKind.Unspecified,
    };

    /// <summary>The department as stored: the API enum's C# name (InsideSales), read back with <see cref="ToDepartment"/>.</summary>
    public static string Store(Shared.Department department) => department.ToString();

    public static Shared.Department ToDepartment(string stored) =>
        Enum.TryParse<Shared.Department>(stored, out var department) ? department : Shared.Department.Unspecified;
}
