using Crm.Grpc.Security;

namespace Crm.Identity.People;

/// <summary>
/// The demo company's people: someone in every department and a sales hierarchy (a vice-president over two team
/// managers, each over an inside and an outside rep, and over a director of team east, who manages an outside rep and
/// the manager of team metro below it, over a rep of their own). Loaded when <c>Identity:DemoPassword</c> is set; the app host
/// sets it for local runs and prints it, so no password is ever written in the repository.
/// </summary>
public static class DemoDirectory
{
    public static IReadOnlyList<DemoPerson> People { get; } =
    [
        new("ada", "Ada Admin", [CrmRoles.Administrator], null, null),
        new("maria", "Maria Marketing", [CrmRoles.Marketing], null, null),
        new("victor", "Victor Vance", [CrmRoles.SalesManager], null, null),
        new("nina", "Nina North", [CrmRoles.SalesManager], "north", "victor"),
        new("irene", "Irene Inside", [CrmRoles.InsideSales], "north", "nina"),
        new("otto", "Otto Outside", [CrmRoles.OutsideSales], "north", "nina"),
        new("sam", "Sam South", [CrmRoles.SalesManager], "south", "victor"),
        new("ivan", "Ivan Inside", [CrmRoles.InsideSales], "south", "sam"),
        new("olivia", "Olivia Outside", [CrmRoles.OutsideSales], "south", "sam"),
        new("elena", "Elena East", [CrmRoles.SalesManager], "east", "victor"),
        new("erik", "Erik East", [CrmRoles.OutsideSales], "east", "elena"),
        new("ed", "Ed Metro", [CrmRoles.SalesManager], "metro", "elena"),
        new("mia", "Mia Metro", [CrmRoles.OutsideSales], "metro", "ed"),
        new("oskar", "Oskar Orders", [CrmRoles.OrderEntry], null, null),
        new("anna", "Anna Accounting", [CrmRoles.Accounting], null, null),
        new("clara", "Clara Service", [CrmRoles.CustomerService], null, null),
        new("tom", "Tom Support", [CrmRoles.TechnicalSupport], null, null),
    ];
}
