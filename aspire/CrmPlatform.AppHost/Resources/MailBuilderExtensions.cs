using System.Globalization;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.AppHost.Resources;

/// <summary>Where drip e-mails go: the user's own SMTP relay when configured, otherwise a local sink that keeps them.</summary>
public static class MailBuilderExtensions
{
    /// <summary>
    /// The leads service sends its cadences' e-mails to the relay named by <c>Drip:Smtp</c> (<c>smtp://host:port</c>)
    /// when configured; otherwise to an SMTP sink from Debian's python3-aiosmtpd on 127.0.0.1 that keeps each message as
    /// a file in the data folder (<c>mail/new</c>), so that a person reads what was sent and nothing leaves the machine.
    /// Its opt-out links point at the web app (<paramref name="web"/>), which passes them to the service's own page. The
    /// service does not wait for the sink: a sweep that finds no server runs its e-mails again later.
    /// </summary>
    public static IResourceBuilder<CrmServiceResource> SendingDripMail(
        this IResourceBuilder<CrmServiceResource> leads, IResourceBuilder<CrmServiceResource> web, LocalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(leads);
        ArgumentNullException.ThrowIfNull(web);
        ArgumentNullException.ThrowIfNull(settings);
        var builder = leads.ApplicationBuilder;
        var pages = web.GetEndpoint(CrmResources.HttpEndpoint);
        leads.WithEnvironment(context => context.EnvironmentVariables["Drip__OptOutAddress"] = ReferenceExpression.Create($"{pages}/opt-out/"));
        if (builder.Configuration["Drip:Smtp"] is { } relay)
        {
            return leads.WithEnvironment("Drip__Smtp", relay);
        }

        var port = settings.Port(2525);
        var check = $"{CrmResources.Mail}-listens";
        builder.Services.AddHealthChecks().AddReadinessCheck(check, _ => Task.FromResult(Ports.IsListening(port)), "not listening yet");
        var sink = builder.AddLocalServer(new LocalServerResource(CrmResources.Mail, SmtpSink.Spec(settings.Folder(CrmResources.Mail), port)))
            .WithEndpoint(name: "smtp", port: port, targetPort: port, scheme: "smtp", isProxied: false)
            .WithHealthCheck(check);
        return leads.WithEnvironment("Drip__Smtp", string.Create(CultureInfo.InvariantCulture, $"smtp://127.0.0.1:{port}")).WithRelationship(sink.Resource, "SendsMailTo");
    }
}
