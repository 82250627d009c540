namespace CrmPlatform.ServiceDefaults;

/// <summary>One embedded SQL migration.</summary>
/// <param name="Module">The assembly it comes from, so that two assemblies may both have a <c>0001</c>.</param>
/// <param name="Version">Its file name without <c>.sql</c>, e.g. <c>0001_outbox_and_inbox</c>; files apply in this order.</param>
/// <param name="Sql">What it runs, in one transaction.</param>
public sealed record SqlMigration(string Module, string Version, string Sql);
