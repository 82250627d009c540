using Crm.Gateway.Grpc.V1;
using Google.Protobuf.WellKnownTypes;

namespace Crm.Gateway.Features.CustomerView;

/// <summary>Puts the four sections together into the one view every department sees.</summary>
public static class CustomerViewComposer
{
    public static Grpc.V1.CustomerView Compose(string customerId, CustomerSections sections, DateTimeOffset now, CustomerViewOptions options)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(options);
        var timeline = TimelineBuilder.Build(sections, options.TimelineLimit);
        var view = new Grpc.V1.CustomerView
        {
            CustomerId = customerId,
            Account = sections.Sales.Value?.Account,
            Origin = sections.Origin.Value,
            Credit = sections.Orders.Value?.Credit,
            ComposedAt = Timestamp.FromDateTimeOffset(now),
        };
        if (sections.Sales.Value is { } sales)
        {
            view.Opportunities.AddRange(sales.Opportunities);
            view.UpcomingMeetings.AddRange(sales.UpcomingMeetings.Where(m => m.StartsAt is not null && m.StartsAt.ToDateTimeOffset() >= now).OrderBy(m => m.StartsAt.ToDateTimeOffset()));
        }

        if (sections.Orders.Value is { } orders)
        {
            view.Orders.AddRange(orders.Orders);
        }

        if (sections.Support.Value is { } support)
        {
            view.Cases.AddRange(support.Cases);
        }

        view.Timeline.AddRange(timeline);
        view.Signals.AddRange(SignalRules.Derive(sections, timeline, now, options));
        view.Sections.AddRange([sections.Origin.Status, sections.Sales.Status, sections.Orders.Status, sections.Support.Status]);
        return view;
    }
}
