using System.Reflection;

namespace CrmPlatform.ServiceDefaults;

/// <summary>An assembly whose embedded migrations the service applies at start, in registration order.</summary>
internal sealed record MigrationAssembly(Assembly Assembly);
