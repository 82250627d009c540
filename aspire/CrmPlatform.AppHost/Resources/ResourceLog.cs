using Microsoft.Extensions.Logging;

namespace CrmPlatform.AppHost.Resources;

/// <summary>What the local servers' set-up says, in the app host's log or a resource's own log.</summary>
internal static partial class ResourceLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    public static partial void Line(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL: created a new cluster in {Folder}")]
    public static partial void NewCluster(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Error, Message = "The server {Server} did not answer within {Minutes} minutes")]
    public static partial void ServerSilent(ILogger logger, string server, int minutes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not create the database {Database}")]
    public static partial void DatabaseFailed(ILogger logger, Exception exception, string database);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not make the broker user {User}")]
    public static partial void BrokerUserFailed(ILogger logger, Exception exception, string user);
}
