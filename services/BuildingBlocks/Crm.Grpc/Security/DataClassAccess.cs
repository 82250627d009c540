using System.Security.Claims;
using Crm.Common.Grpc.V1;
using static Crm.Grpc.Security.CrmRoles;

namespace Crm.Grpc.Security;

/// <summary>
/// Which roles see which class of data (<c>crm/common/v1/data_class.proto</c>): people's e-mail and phone for those who
/// talk to them, postal addresses for those who sell, ship, bill or serve, payments for accounting only (sales see the
/// credit status). Administrators see everything. Every service withholds the rest from its answers
/// (<see cref="WithheldFieldsInterceptor"/>), and the customer view names what it withheld.
/// </summary>
public static class DataClassAccess
{
    private static readonly Dictionary<DataClass, string[]> SeenBy = new()
    {
        [DataClass.ContactPoint] = [Marketing, InsideSales, OutsideSales, SalesManager, CustomerService, TechnicalSupport],
        [DataClass.PostalAddress] = [Marketing, InsideSales, OutsideSales, SalesManager, OrderEntry, Accounting, CustomerService],
        [DataClass.PaymentDetails] = [Accounting],
    };

    private static readonly IReadOnlySet<DataClass> Nothing = new HashSet<DataClass>();

    /// <summary>The classes none of the caller's roles may see.</summary>
    public static IReadOnlySet<DataClass> HiddenFrom(ClaimsPrincipal caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsInRole(Administrator)
            ? Nothing
            : SeenBy.Where(c => !c.Value.Any(caller.IsInRole)).Select(c => c.Key).ToHashSet();
    }

    /// <summary>The roles that see <paramref name="dataClass"/>, besides administrators.</summary>
    public static IReadOnlyList<string> RolesSeeing(DataClass dataClass) => SeenBy.TryGetValue(dataClass, out var roles) ? roles : [];
}
