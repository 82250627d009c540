using System.Text;

namespace Crm.Leads.Domain;

/// <summary>Disqualification reasons by the names the LeadDisqualified event carries (those of the API).</summary>
public static class DisqualificationReasons
{
    /// <summary><c>NO_BUDGET</c> for <see cref="DisqualificationReason.NoBudget"/>.</summary>
    public static string ToWireName(this DisqualificationReason reason)
    {
        var name = reason.ToString();
        var wire = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                wire.Append('_');
            }

            wire.Append(char.ToUpperInvariant(name[i]));
        }

        return wire.ToString();
    }
}
