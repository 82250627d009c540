namespace CrmPlatform.AppHost.Resources;

/// <summary>Where a server's users keep their passwords (a database's owner role, a service's broker user): the run's secrets.</summary>
internal sealed record LocalSecretsAnnotation(LocalSecrets Secrets) : IResourceAnnotation;
