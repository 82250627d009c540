namespace Crm.Orders.Features.AccountingFeed;

/// <summary>The accounting feed's parts: the appender, retention, the notifications that wake both and the subscriptions.</summary>
public static class AccountingFeedExtensions
{
    public static WebApplicationBuilder AddAccountingFeed(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<FeedOptions>(builder.Configuration.GetSection(FeedOptions.Section));
        builder.Services.AddSingleton<FeedWakeups>();
        builder.Services.AddSingleton<Crm.Messaging.Outbox.IOutboxCommitted>(sp => sp.GetRequiredService<FeedWakeups>());
        builder.Services.AddSingleton<FeedStore>();
        builder.Services.AddHostedService<FeedNotifications>();
        builder.Services.AddHostedService<FeedAppender>();
        builder.Services.AddHostedService<FeedRetention>();
        return builder;
    }
}
