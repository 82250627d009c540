using Crm.Api;
using Crm.Common.Grpc.V1;
using Google.Protobuf.WellKnownTypes;

namespace Crm.Web.Components;

/// <summary>
/// What a form's fields become on the wire. A field left empty is sent empty: the platform, not the page, says what
/// is required, and its message names the field.
/// </summary>
public static class Forms
{
    public static Date? Date(DateTime? day) => day is { } d ? DateConversions.ToDate(DateOnly.FromDateTime(d)) : null;

    public static Money? Money(decimal? amount, string? currency)
    {
        if (amount is not { } a)
        {
            return null;
        }

        // Any currency the person typed goes as typed (upper-cased): the platform says whether it is one.
        var money = MoneyConversions.ToMoney(a, "XXX");
        money.CurrencyCode = (currency ?? string.Empty).Trim().ToUpperInvariant();
        return money;
    }

    /// <summary>A day and a time of day on the person's calendar, as an instant (the web app runs in UTC).</summary>
    public static Timestamp? Instant(DateTime? day, TimeSpan? time) =>
        day is { } d ? Timestamp.FromDateTimeOffset(new DateTimeOffset(DateTime.SpecifyKind(d.Date + (time ?? TimeSpan.Zero), DateTimeKind.Utc))) : null;
}
