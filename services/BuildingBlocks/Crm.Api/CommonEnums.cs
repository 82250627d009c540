using Contracts = Crm.Contracts;
using Wire = Crm.Common.Grpc.V1;

namespace Crm.Api;

/// <summary>The enums every API shares (crm.common.v1) and their contract twins, by member name; UNSPECIFIED is the contracts' Unknown / Other.</summary>
public static class CommonEnums
{
    /// <summary>An unspecified or unknown role (the request check refuses the latter) is the contracts' Unknown.</summary>
    public static Contracts.BuyingRole ToContract(Wire.BuyingRole role) =>
        role == Wire.BuyingRole.Unspecified || !Enum.IsDefined(role) ? Contracts.BuyingRole.Unknown : EnumNames.Convert<Wire.BuyingRole, Contracts.BuyingRole>(role);

    public static Wire.BuyingRole ToWire(Contracts.BuyingRole role) =>
        role == Contracts.BuyingRole.Unknown ? Wire.BuyingRole.Unspecified : EnumNames.Convert<Contracts.BuyingRole, Wire.BuyingRole>(role);

    /// <summary>An unspecified or unknown source (the request check refuses the latter) is the contracts' Other.</summary>
    public static Contracts.LeadSource ToContract(Wire.LeadSource source) =>
        source == Wire.LeadSource.Unspecified || !Enum.IsDefined(source) ? Contracts.LeadSource.Other : EnumNames.Convert<Wire.LeadSource, Contracts.LeadSource>(source);

    public static Wire.LeadSource ToWire(Contracts.LeadSource source) => EnumNames.Convert<Contracts.LeadSource, Wire.LeadSource>(source);

    /// <summary>An unspecified or unknown channel is refused by the request check before it gets here.</summary>
    public static Contracts.ContactChannel ToContract(Wire.ContactChannel channel) => EnumNames.Convert<Wire.ContactChannel, Contracts.ContactChannel>(channel);

    public static Wire.ContactChannel ToWire(Contracts.ContactChannel channel) => EnumNames.Convert<Contracts.ContactChannel, Wire.ContactChannel>(channel);

    /// <summary>An unspecified or unknown outcome is none (the request check refuses the latter).</summary>
    public static Contracts.ActivityOutcome? ToContract(Wire.ActivityOutcome outcome) =>
        outcome == Wire.ActivityOutcome.Unspecified || !Enum.IsDefined(outcome) ? null : EnumNames.Convert<Wire.ActivityOutcome, Contracts.ActivityOutcome>(outcome);

    public static Wire.ActivityOutcome ToWire(Contracts.ActivityOutcome? outcome) =>
        outcome is { } known ? EnumNames.Convert<Contracts.ActivityOutcome, Wire.ActivityOutcome>(known) : Wire.ActivityOutcome.Unspecified;

    /// <summary>An unspecified department is none.</summary>
    public static Contracts.Department? ToContract(Wire.Department department) =>
        department == Wire.Department.Unspecified || !Enum.IsDefined(department) ? null : EnumNames.Convert<Wire.Department, Contracts.Department>(department);

    public static Wire.Department ToWire(Contracts.Department? department) =>
        department is { } known ? EnumNames.Convert<Contracts.Department, Wire.Department>(known) : Wire.Department.Unspecified;
}
