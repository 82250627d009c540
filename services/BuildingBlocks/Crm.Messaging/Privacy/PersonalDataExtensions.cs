using Microsoft.AspNetCore.Builder;

namespace Crm.Messaging.Privacy;

/// <summary>Personal data of a service with a database: the erasure consumer is registered by <c>AddServiceMessaging</c>,
/// the API served by <see cref="MapPersonalData"/>.</summary>
public static class PersonalDataExtensions
{
    /// <summary>Serves <c>crm.privacy.v1.PersonalDataService</c> to administrators.</summary>
    public static WebApplication MapPersonalData(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGrpcService<PersonalDataApi>();
        return app;
    }
}
