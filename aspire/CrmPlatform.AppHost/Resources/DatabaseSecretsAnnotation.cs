namespace CrmPlatform.AppHost.Resources;

/// <summary>Where a PostgreSQL server's databases keep their owner roles' passwords: the run's secrets.</summary>
internal sealed record DatabaseSecretsAnnotation(LocalSecrets Secrets) : IResourceAnnotation;
