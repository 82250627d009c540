namespace CrmPlatform.AppHost.Resources;

/// <summary>A database server's connection string without credentials: what a service's own login is added to.</summary>
internal sealed record ServerLocationAnnotation(string WithoutCredentials) : IResourceAnnotation;
