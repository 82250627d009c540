using System.Reflection;
using Crm.Leads.Grpc.V1;
using Google.Protobuf.Reflection;

namespace Crm.Leads.Domain;

/// <summary>Disqualification reasons by the names the API gives them, which the LeadDisqualified event carries.</summary>
public static class DisqualificationReasons
{
    /// <summary><c>NO_BUDGET</c> for <see cref="DisqualificationReason.NoBudget"/>.</summary>
    public static string ToWireName(this DisqualificationReason reason) =>
        typeof(DisqualificationReason).GetField(reason.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? reason.ToString();
}
