using CrmPlatform.AppHost;
using CrmPlatform.AppHost.Resources;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;

// CrmPlatform on one machine: what runs, what owns which data, and who calls whom. `./build.sh run` starts this;
// the end-to-end tests start the same through Aspire.Hosting.Testing. Options: see LocalSettings.
// Everything listens on loopback only, so the dashboard and its telemetry need no TLS.
var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, AllowUnsecuredTransport = true });

// Stop returns once the orchestrator has stopped every resource, so that nothing is left when the command returns.
builder.Configuration["DcpPublisher:WaitForResourceCleanup"] ??= "true";

try
{
    var local = LocalSettings.From(builder.Configuration);
    builder.Services.AddSingleton(local);
    builder.AddLocalDashboard(local);

    // PostgreSQL and RabbitMQ from Debian's packages as plain processes, or the user's own servers when
    // ConnectionStrings__postgres or ConnectionStrings__messaging names them.
    var postgres = builder.AddPostgresServer(CrmResources.Postgres, local);
    var messaging = builder.AddRabbitMqBroker(CrmResources.Messaging, local);

    // The identity service signs people and machines in (OpenID Connect) with its own database; every API below
    // accepts only its tokens. Secrets of this run (the demo password, machine clients' secrets) stay in the data folder.
    var identity = builder.AddCrmService<Projects.Crm_Identity>(CrmResources.Identity, local)
        .WithOwnDatabase(postgres, CrmResources.Identity).WithLocalDirectory(LocalSecrets.In(local));

    // Five services, each owning its database (as a role that reaches no other), publishing and consuming domain
    // events through the broker (as a user of its own).
    var leads = builder.AddCrmService<Projects.Crm_Leads>(CrmResources.Leads, local).TrustingTokensOf(identity)
        .WithOwnDatabase(postgres, CrmResources.Leads).WithOwnBrokerUser(messaging, CrmResources.Leads);
    var opportunities = builder.AddCrmService<Projects.Crm_Opportunities>(CrmResources.Opportunities, local).TrustingTokensOf(identity)
        .WithOwnDatabase(postgres, CrmResources.Opportunities).WithOwnBrokerUser(messaging, CrmResources.Opportunities);
    var forecasts = builder.AddCrmService<Projects.Crm_Forecasts>(CrmResources.Forecasts, local).TrustingTokensOf(identity)
        .WithOwnDatabase(postgres, CrmResources.Forecasts).WithOwnBrokerUser(messaging, CrmResources.Forecasts);
    var orders = builder.AddCrmService<Projects.Crm_Orders>(CrmResources.Orders, local).TrustingTokensOf(identity)
        .WithOwnDatabase(postgres, CrmResources.Orders).WithOwnBrokerUser(messaging, CrmResources.Orders);
    var support = builder.AddCrmService<Projects.Crm_Support>(CrmResources.Support, local).TrustingTokensOf(identity)
        .WithOwnDatabase(postgres, CrmResources.Support).WithOwnBrokerUser(messaging, CrmResources.Support);

    // The gateway: the only door for callers. It checks the caller's token, forwards each service's API with it and
    // composes the customer view from all five; it starts without waiting for them, since it answers UNAVAILABLE for
    // a service that is down.
    var gateway = builder.AddCrmService<Projects.Crm_Gateway>(CrmResources.Gateway, local).TrustingTokensOf(identity)
        .WithReference(leads).WithReference(opportunities).WithReference(forecasts).WithReference(orders).WithReference(support);

    // The web app for people, who sign in to it through the identity service: it calls the gateway with their token,
    // and its status page asks every service's health; it starts without waiting too, since it shows a part that is
    // down as such.
    var web = builder.AddCrmService<Projects.Crm_Web>(CrmResources.Web, local)
        .WithReference(gateway)
        .WithReference(leads).WithReference(opportunities).WithReference(forecasts).WithReference(orders).WithReference(support);
    identity.SigningPeopleInTo(web, LocalSecrets.In(local));

    // Marketing's drip cadences e-mail from leads to a local SMTP sink that keeps each message in the data folder
    // (mail/new), or to the relay Drip__Smtp names; their opt-out links go to the web app, which passes them on.
    leads.SendingDripMail(web, local);
}
catch (Exception ex) when (ex is MissingPrerequisiteException or ServerStartException)
{
    await Console.Error.WriteLineAsync($"CrmPlatform could not start: {ex.Message}");
    return 1;
}

// The table of URLs, endpoints.json and the demo company, once everything is healthy.
builder.Services.AddSingleton<StartupProgress>();
builder.Services.AddHostedService<PlatformConsole>();
await builder.Build().RunAsync();
return 0;
